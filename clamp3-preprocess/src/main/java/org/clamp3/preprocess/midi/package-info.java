/**
 * MIDI to MTF and back as the original scripts with mido 1.3 do:
 * {@link org.clamp3.preprocess.midi.MidiToMtf} and {@link org.clamp3.preprocess.midi.MtfToMidi},
 * over a MIDI file reader and writer of their own. Python built-ins and codecs come from
 * {@code org.clamp3.core.py}.
 *
 * <p>Imports core only; nothing from train, cli or picocli.
 */
package org.clamp3.preprocess.midi;
