package org.clamp3.preprocess.midi;

import java.util.List;
import java.util.PriorityQueue;

/**
 * A parsed Standard MIDI File, as mido's MidiFile holds it.
 *
 * @param format the header's format field (signed 16 bit, as mido reads it)
 * @param ticksPerBeat the header's division field (signed 16 bit; negative for SMPTE timing)
 * @param tracks the tracks in file order, each with delta times
 */
public record MidiFile(int format, int ticksPerBeat, List<List<MidiMessage>> tracks) {
    /** mido's DEFAULT_TEMPO: microseconds per beat until the first set_tempo. */
    public static final int DEFAULT_TEMPO = 500_000;

    /**
     * mido's {@code MidiFile.length}: the playing time in seconds of the merged track (as
     * {@link TrackMerger#merge} makes it), each positive delta converted with the tempo set before
     * it ({@code tick2second}). Tracks are walked in merge order (by absolute time, ties in track
     * order) without building the merged track.
     *
     * @throws MidiFormatException for a type 2 file (mido refuses it too) and for SMPTE or zero
     *     division, where ticks have no length in beats
     */
    public double lengthSeconds() {
        if (format == 2) {
            throw new MidiFormatException("impossible to compute length for type 2 (asynchronous) file");
        }
        if (ticksPerBeat <= 0) {
            throw new MidiFormatException("no length in beats for division " + ticksPerBeat + " (SMPTE or zero)");
        }
        // cursor per track: {absolute time of the next message, track, index of that message}
        PriorityQueue<long[]> next = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        for (int t = 0; t < tracks.size(); t++) {
            if (!tracks.get(t).isEmpty()) {
                next.add(new long[] {tracks.get(t).get(0).time, t, 0});
            }
        }
        double seconds = 0;
        long tempo = DEFAULT_TEMPO;
        long now = 0; // absolute time of the merged track so far
        long end = 0; // latest absolute time of any message, end_of_track included
        while (!next.isEmpty()) {
            long[] c = next.poll();
            List<MidiMessage> track = tracks.get((int) c[1]);
            MidiMessage m = track.get((int) c[2]);
            end = Math.max(end, c[0]);
            // fix_end_of_track drops end_of_track and adds its delta to the next message
            if (m.type != MessageType.END_OF_TRACK) {
                seconds += ticksToSeconds(c[0] - now, tempo);
                now = c[0];
                if (m.type == MessageType.SET_TEMPO) {
                    tempo = m.a;
                }
            }
            if (++c[2] < track.size()) {
                c[0] = TrackMerger.add(c[0], track.get((int) c[2]).time);
                next.add(c);
            }
        }
        return seconds + ticksToSeconds(end - now, tempo); // the final end_of_track
    }

    /** mido's tick2second, 0 for no ticks as mido's iteration has it. */
    private double ticksToSeconds(long ticks, long tempo) {
        return ticks > 0 ? ticks * (tempo * 1e-6 / ticksPerBeat) : 0;
    }
}
