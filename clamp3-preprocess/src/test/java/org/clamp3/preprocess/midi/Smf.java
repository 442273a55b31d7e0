package org.clamp3.preprocess.midi;

import java.io.ByteArrayOutputStream;

/** Builds Standard MIDI File bytes for tests, byte by byte. */
final class Smf {
    private Smf() {}

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** A chunk: 4-char name, 32-bit length of body, body. */
    static byte[] chunk(String name, long length, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write((int) (length >>> 24));
        out.write((int) (length >>> 16));
        out.write((int) (length >>> 8));
        out.write((int) length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] track(int... events) {
        byte[] body = bytes(events);
        return chunk("MTrk", body.length, body);
    }

    static byte[] file(int format, int division, byte[]... tracks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(chunk("MThd", 6, bytes(format >> 8, format, 0, tracks.length, division >> 8, division)));
        for (byte[] t : tracks) {
            out.writeBytes(t);
        }
        return out.toByteArray();
    }

    static String mtf(byte[] midi, boolean m3) {
        return new String(MidiToMtf.convert(midi, m3), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
