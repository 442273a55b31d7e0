package org.clamp3.preprocess.midi;

import java.util.List;

/**
 * A parsed Standard MIDI File, as mido's MidiFile holds it.
 *
 * @param format the header's format field (signed 16 bit, as mido reads it)
 * @param ticksPerBeat the header's division field (signed 16 bit; negative for SMPTE timing)
 * @param tracks the tracks in file order, each with delta times
 */
public record MidiFile(int format, int ticksPerBeat, List<List<MidiMessage>> tracks) {}
