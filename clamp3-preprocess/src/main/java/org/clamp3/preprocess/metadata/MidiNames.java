package org.clamp3.preprocess.metadata;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.preprocess.midi.MessageType;
import org.clamp3.preprocess.midi.MidiFile;
import org.clamp3.preprocess.midi.MidiMessage;
import org.clamp3.preprocess.midi.MtfToMidi;

/**
 * Track names (meta event 0x03, {@code track_name}) of a MIDI file or an MTF text. Their bytes
 * are read as UTF-8 where valid, else as latin-1 (as mido shows them).
 */
final class MidiNames {
    private static final String MTF_TRACK_NAME = MessageType.TRACK_NAME.mtfName() + " ";

    private MidiNames() {}

    /** The track names of a MIDI file, track by track in file order. */
    static List<String> of(MidiFile midi) {
        List<String> names = new ArrayList<>();
        for (List<MidiMessage> track : midi.tracks()) {
            for (MidiMessage m : track) {
                if (m.type() == MessageType.TRACK_NAME) {
                    names.add(MetadataText.decode(m.textBytes()));
                }
            }
        }
        return names;
    }

    /**
     * The track names of MTF lines (in the merged track's order; an MTF written with the m3
     * filter has none), or an empty list when the first line is not MTF's {@code ticks_per_beat}.
     * A track_name line that does not parse is passed over.
     */
    static List<String> ofMtf(List<String> lines) {
        List<String> names = new ArrayList<>();
        if (lines.isEmpty() || !lines.get(0).startsWith("ticks_per_beat ")) {
            return names;
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith(MTF_TRACK_NAME)) {
                try {
                    names.add(MetadataText.decode(MtfToMidi.parseLine(line).textBytes()));
                } catch (RuntimeException e) {
                    // a line the original would refuse: no name from it
                }
            }
        }
        return names;
    }
}
