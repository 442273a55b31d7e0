package org.clamp3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.clamp3.core.io.Npy;

/**
 * Generates benchmark inputs: ABC scores and MTF files of a chosen number of patches, and
 * texts of a chosen number of words.
 */
final class SyntheticCorpus {
    private static final String[] NOTES = {"C", "D", "E", "F", "G", "A", "B", "c", "d", "e", "f", "g", "a", "b", "z"};
    private static final String[] WORDS = {"a", "gentle", "piano", "piece", "in", "major", "with", "lively", "waltz",
        "rhythm", "slow", "calm", "music", "energetic", "rock", "loud", "drums", "jazz", "tune", "bass", "folk", "dance",
        "the", "of", "and", "song", "melody", "string", "quartet", "minor", "fast", "sad", "happy", "voice", "choir"};

    private SyntheticCorpus() {}

    /** Interleaved-ABC-like text with about {@code patches} patches (header lines + one bar per patch). */
    static String abc(Random rnd, int patches) {
        StringBuilder sb = new StringBuilder("X:1\nL:1/8\nM:4/4\nK:G\n");
        int bars = Math.max(1, patches - 5); // header lines are patches too, as are BOS/EOS
        for (int b = 0; b < bars; b++) {
            sb.append("[V:1]");
            for (int n = 0; n < 6; n++) {
                sb.append(NOTES[rnd.nextInt(NOTES.length)]);
            }
            sb.append(b % 8 == 7 || b == bars - 1 ? "|\n" : "|");
        }
        return sb.toString();
    }

    /** MTF text with about {@code patches} patches: alternating message types never share a patch. */
    static String mtf(Random rnd, int patches) {
        StringBuilder sb = new StringBuilder("ticks_per_beat 480\n");
        for (int i = 0; i < patches - 3; i++) {
            int note = 40 + rnd.nextInt(40);
            if (i % 2 == 0) {
                sb.append("note_on ").append(rnd.nextInt(200)).append(" 0 ").append(note).append(' ').append(40 + rnd.nextInt(80));
            } else {
                sb.append("control_change ").append(rnd.nextInt(200)).append(" 0 64 ").append(rnd.nextInt(128));
            }
            sb.append('\n');
        }
        sb.append("end_of_track 0");
        return sb.toString();
    }

    static String text(Random rnd, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return sb.append('.').toString();
    }

    /** How lengths are drawn between their bounds. */
    enum Lengths {
        /** every length equally likely: mostly long inputs, the worst case for batching */
        UNIFORM,
        /** log-uniform: as many 20–170-patch scores as 170–1500, like real collections */
        LOG_UNIFORM
    }

    /** Writes {@code n} files of each kind under dir/{abc,mtf,txt,npy}: scores of 20–1500 patches, texts of 5–400 words, MERT features of 10–300 frames. */
    static void write(Path dir, int n, long seed, Lengths lengths) throws IOException {
        write(dir, n, seed, lengths, 1500, 400);
    }

    /** Writes {@code n} files of each kind: scores of 20–maxPatches patches, texts of 5–maxWords words. */
    static void write(Path dir, int n, long seed, Lengths lengths, int maxPatches, int maxWords) throws IOException {
        Random rnd = new Random(seed);
        for (String sub : new String[] {"abc", "mtf", "txt", "npy"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        // MERT features as preprocess mert writes them, one frame per 5 s of audio: up to 300 frames
        // (25 minutes), scaled down with the other kinds for the short set
        int maxFrames = Math.max(10, 300 * maxWords / 400);
        for (int i = 0; i < n; i++) {
            String name = String.format("f%04d", i);
            Files.writeString(dir.resolve("abc/" + name + ".abc"), abc(rnd, draw(rnd, 20, maxPatches, lengths)));
            Files.writeString(dir.resolve("mtf/" + name + ".mtf"), mtf(rnd, draw(rnd, 20, maxPatches, lengths)));
            Files.writeString(dir.resolve("txt/" + name + ".txt"), text(rnd, draw(rnd, 5, maxWords, lengths)));
            int frames = draw(rnd, 10, maxFrames, lengths);
            float[] features = new float[frames * 768];
            for (int k = 0; k < features.length; k++) {
                features[k] = (float) rnd.nextGaussian();
            }
            Npy.writeFloat32(dir.resolve("npy/" + name + ".npy"), features, 1, frames, 768);
        }
    }

    private static int draw(Random rnd, int min, int max, Lengths lengths) {
        if (lengths == Lengths.UNIFORM) {
            return min + rnd.nextInt(max - min + 1);
        }
        return (int) Math.round(Math.exp(Math.log(min) + rnd.nextDouble() * (Math.log(max) - Math.log(min))));
    }
}
