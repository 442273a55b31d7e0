package org.clamp3.preprocess.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** mido's {@code merge_tracks} and {@code fix_end_of_track}. */
public final class TrackMerger {
    private TrackMerger() {}

    /**
     * All messages of all tracks in playback order with delta times, as one track: absolute times,
     * tracks concatenated in order and stable-sorted by time (ties keep track order, then message
     * order), back to deltas, then {@link #fixEndOfTrack}.
     */
    public static List<MidiMessage> merge(List<List<MidiMessage>> tracks) {
        int total = 0;
        for (List<MidiMessage> t : tracks) {
            total += t.size();
        }
        MidiMessage[] all = new MidiMessage[total];
        int n = 0;
        for (List<MidiMessage> t : tracks) {
            long now = 0;
            for (MidiMessage m : t) {
                now = add(now, m.time);
                all[n++] = m.withTime(now);
            }
        }
        Arrays.sort(all, Comparator.comparingLong(MidiMessage::time)); // TimSort: stable, like Python's sort
        List<MidiMessage> rel = new ArrayList<>(total);
        long now = 0;
        for (MidiMessage m : all) {
            rel.add(m.withTime(m.time - now));
            now = m.time;
        }
        return fixEndOfTrack(rel);
    }

    /**
     * Removes every end_of_track (adding its delta to the next message) and appends one whose delta
     * is what is left over.
     */
    public static List<MidiMessage> fixEndOfTrack(List<MidiMessage> messages) {
        List<MidiMessage> out = new ArrayList<>(messages.size() + 1);
        long accum = 0;
        for (MidiMessage m : messages) {
            if (m.type == MessageType.END_OF_TRACK) {
                accum = add(accum, m.time);
            } else if (accum != 0) {
                out.add(m.withTime(add(accum, m.time)));
                accum = 0;
            } else {
                out.add(m);
            }
        }
        out.add(MidiMessage.endOfTrack(accum));
        return out;
    }

    /** x + y ticks, refused past 2**63 as the merge refuses it. */
    static long add(long x, long y) {
        try {
            return Math.addExact(x, y);
        } catch (ArithmeticException e) {
            throw new MidiFormatException("message times add up to more than 2**63 ticks");
        }
    }
}
