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
        return walk((seconds, m) -> { });
    }

    /** A message of the merged track with the time it starts at, in seconds. */
    @FunctionalInterface
    interface TimedMessage {
        void accept(double seconds, MidiMessage message);
    }

    /**
     * Walks the merged track in mido's order (by absolute time, ties in track order), each message
     * with its time in seconds under the tempo set before it; returns the total length.
     */
    double walk(TimedMessage visitor) {
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
                visitor.accept(seconds, m);
            }
            if (++c[2] < track.size()) {
                c[0] = TrackMerger.add(c[0], track.get((int) c[2]).time);
                next.add(c);
            }
        }
        return seconds + ticksToSeconds(end - now, tempo); // the final end_of_track
    }

    /** A sounding note: start and duration in seconds, MIDI pitch, velocity, channel (9: drums). */
    public record Note(double start, double duration, int pitch, int velocity, int channel) {}

    /**
     * The notes of the file in start order, for playback: a note_on with velocity > 0 starts a note,
     * the next note_off (or note_on with velocity 0) of its channel and pitch ends it; notes still
     * sounding at the end last until the end. At most {@code limit} notes.
     */
    public List<Note> notes(int limit) {
        List<Note> notes = new java.util.ArrayList<>();
        java.util.Map<Integer, java.util.ArrayDeque<double[]>> open = new java.util.HashMap<>();
        double length = walk((seconds, m) -> {
            boolean on = m.type == MessageType.NOTE_ON && m.c > 0;
            boolean off = m.type == MessageType.NOTE_OFF || (m.type == MessageType.NOTE_ON && m.c == 0);
            int id = m.a * 128 + m.b;
            if (on && notes.size() + open.values().stream().mapToInt(java.util.ArrayDeque::size).sum() < limit) {
                open.computeIfAbsent(id, k -> new java.util.ArrayDeque<>()).add(new double[] {seconds, m.c});
            } else if (off && open.containsKey(id) && !open.get(id).isEmpty()) {
                double[] start = open.get(id).poll();
                notes.add(new Note(start[0], seconds - start[0], m.b, (int) start[1], m.a));
            }
        });
        open.forEach((id, starts) -> starts.forEach(s -> notes.add(new Note(s[0], length - s[0], id % 128, (int) s[1], id / 128))));
        notes.sort(java.util.Comparator.comparingDouble(Note::start).thenComparingInt(Note::pitch));
        return notes;
    }

    /** mido's tick2second, 0 for no ticks as mido's iteration has it. */
    private double ticksToSeconds(long ticks, long tempo) {
        return ticks > 0 ? ticks * (tempo * 1e-6 / ticksPerBeat) : 0;
    }
}
