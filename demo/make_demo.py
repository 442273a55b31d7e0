"""Writes the demo collection's generated files (MIDI and audio). Run from demo/: python3 make_demo.py

Everything here is made by this script or written by hand for this project and is CC0 (see LICENSE.md).
"""
import math
import struct
import wave

def vlq(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.insert(0, (n & 0x7F) | 0x80)
        n >>= 7
    return bytes(out)

def midi(path, name, tempo_bpm, program, notes, ticks=480):
    """notes: (midi pitch, length in beats); one track, channel 0."""
    ev = bytearray()
    title = name.encode("utf-8")
    ev += vlq(0) + b"\xff\x03" + vlq(len(title)) + title
    us = int(60_000_000 / tempo_bpm)
    ev += vlq(0) + b"\xff\x51\x03" + us.to_bytes(3, "big")
    ev += vlq(0) + bytes([0xC0, program])
    for pitch, beats in notes:
        ev += vlq(0) + bytes([0x90, pitch, 80])
        ev += vlq(int(beats * ticks)) + bytes([0x80, pitch, 0])
    ev += vlq(0) + b"\xff\x2f\x00"
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, ticks))
        f.write(b"MTrk" + struct.pack(">I", len(ev)) + ev)

def add_info(path, title, artist):
    """Appends a RIFF INFO chunk (INAM title, IART artist) and fixes the RIFF size."""
    def sub(tag, text):
        b = text.encode("utf-8") + b"\x00"
        if len(b) % 2:
            b += b"\x00"
        return tag + struct.pack("<I", len(b)) + b
    body = b"INFO" + sub(b"INAM", title) + sub(b"IART", artist)
    with open(path, "r+b") as f:
        f.seek(0, 2)
        f.write(b"LIST" + struct.pack("<I", len(body)) + body)
        size = f.tell()
        f.seek(4)
        f.write(struct.pack("<I", size - 8))

def tone_wav(path, notes, bpm, rate=16000):
    """A plucked-string melody: each note a decaying sum of harmonics."""
    samples = []
    beat = 60.0 / bpm
    for pitch, beats in notes:
        f0 = 440.0 * 2 ** ((pitch - 69) / 12)
        n = int(beats * beat * rate)
        for i in range(n):
            t = i / rate
            env = math.exp(-3.0 * t / (beats * beat))
            s = sum(math.sin(2 * math.pi * f0 * h * t) / h for h in (1, 2, 3, 4))
            samples.append(0.3 * env * s)
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32767)) for s in samples))

C4, D4, E4, F4, G4, A4, B4, C5, D5, E5 = 60, 62, 64, 65, 67, 69, 71, 72, 74, 76
waltz = [(C4, 1), (E4, 1), (G4, 1), (A4, 2), (G4, 1), (F4, 1), (E4, 1), (D4, 1), (C4, 3)] * 2
march = [(G4, 0.5), (G4, 0.5), (C5, 1), (B4, 0.5), (A4, 0.5), (G4, 1), (E4, 1), (G4, 2)] * 2
lament = [(A4, 2), (G4, 1), (E4, 1), (D4, 2), (E4, 2), (C4, 3), (D4, 1), (E4, 4)]
midi("collection/midi/little_waltz.mid", "Piano", 132, 0, waltz)
midi("collection/midi/brass_march.mid", "Trumpet", 112, 56, march)
midi("collection/midi/slow_lament.mid", "Cello", 60, 42, lament)
tone_wav("collection/audio/plucked_waltz.wav", waltz + waltz, 150)
add_info("collection/audio/plucked_waltz.wav", "Plucked Waltz", "clamp3-java demo")
tone_wav("collection/audio/evening_lament.wav", lament, 70)
add_info("collection/audio/evening_lament.wav", "Evening Lament", "clamp3-java demo")
