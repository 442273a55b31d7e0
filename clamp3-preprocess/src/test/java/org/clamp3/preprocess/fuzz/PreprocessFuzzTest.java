package org.clamp3.preprocess.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.TextFiles;
import org.clamp3.preprocess.abc.AbcInterleaveException;
import org.clamp3.preprocess.abc.AbcInterleaver;
import org.clamp3.preprocess.audio.AudioLoader;
import org.clamp3.preprocess.midi.MidiToMtf;
import org.clamp3.preprocess.midi.MtfToMidi;
import org.clamp3.preprocess.xml.XmlToAbc;

/**
 * Fuzz targets of the raw-format readers, each through the entry point the commands use. Without
 * {@code JAZZER_FUZZ} each replays its seeds and saved crash files
 * ({@code src/test/resources/org/clamp3/preprocess/fuzz/PreprocessFuzzTestInputs/<method>/}) as
 * regression cases; {@code scripts/fuzz.sh} fuzzes them. Seeds are this project's own files:
 * {@code zoo.musicxml} (also zipped as .mxl), the model fixtures' ABC/MTF, MIDI written from
 * them, small WAVs written for the purpose, the generated FLAC/MP3/Ogg fixtures (FLAC cut short).
 *
 * <p>The property: only {@link InvalidInputException} (or the entry point's documented
 * exception) escapes, with a one-line message, within {@link #MAX_MILLIS}.
 */
class PreprocessFuzzTest {
    private static final long MAX_MILLIS = 20_000;
    /** MERT's sample rate: audio is decoded, mixed down and resampled to it, as `preprocess mert` does. */
    private static final int MERT_RATE = 24_000;

    @FuzzTest
    void musicXml(byte[] data) throws Exception {
        check(() -> XmlToAbc.convert(file("fuzz.musicxml", data)));
    }

    @FuzzTest
    void mxl(byte[] data) throws Exception {
        check(() -> XmlToAbc.convert(file("fuzz.mxl", data)));
    }

    /** ABC text read as `preprocess interleave` reads it, then interleaved. */
    @FuzzTest
    void abcInterleave(byte[] data) throws Exception {
        check(() -> AbcInterleaver.interleave(TextFiles.read(file("fuzz.abc", data))), AbcInterleaveException.class);
    }

    /** A MIDI file to MTF, both variants; the MTF back to MIDI as `preprocess mtf2midi` does. */
    @FuzzTest
    void midi(byte[] data) throws Exception {
        check(() -> {
            Path file = file("fuzz.mid", data);
            MidiToMtf.convert(file, false);
            byte[] mtf = MidiToMtf.convert(file, true);
            // as `preprocess mtf2midi` reads it (the original cannot read back every MTF it writes,
            // e.g. a one-byte sequencer_specific "(0,)": that is an InvalidInputException there)
            MtfToMidi.convert(file("roundtrip.mtf", mtf));
        });
    }

    /** An MTF file to MIDI; the MIDI written must read back. */
    @FuzzTest
    void mtf(byte[] data) throws Exception {
        check(() -> {
            byte[] midi = MtfToMidi.convert(file("fuzz.mtf", data));
            MidiToMtf.convert(midi, false);
        });
    }

    @FuzzTest
    void wav(byte[] data) throws Exception {
        check(() -> AudioLoader.load(file("fuzz.wav", data), MERT_RATE));
    }

    @FuzzTest
    void flac(byte[] data) throws Exception {
        check(() -> AudioLoader.load(file("fuzz.flac", data), MERT_RATE));
    }

    @FuzzTest
    void mp3(byte[] data) throws Exception {
        check(() -> AudioLoader.load(file("fuzz.mp3", data), MERT_RATE));
    }

    @FuzzTest
    void ogg(byte[] data) throws Exception {
        check(() -> AudioLoader.load(file("fuzz.ogg", data), MERT_RATE));
    }

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    @SafeVarargs
    private static void check(Body body, Class<? extends Throwable>... documented) throws Exception {
        long start = System.nanoTime();
        try {
            body.run();
        } catch (Exception e) {
            if (!(e instanceof InvalidInputException) && List.of(documented).stream().noneMatch(c -> c.isInstance(e))) {
                throw e;
            }
            String message = e.getMessage();
            if (message == null || message.isBlank() || message.contains("\n") || message.contains("\r")) {
                throw new AssertionError("documented exception without a one-line message: " + e, e);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > MAX_MILLIS) {
            throw new AssertionError("one input took " + millis + " ms (at most " + MAX_MILLIS + ")");
        }
    }

    private static Path file(String name, byte[] bytes) {
        try {
            Path file = Scratch.DIR.resolve(name);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Scratch {
        static final Path DIR;

        static {
            try {
                DIR = Files.createTempDirectory("clamp3-fuzz");
                DIR.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
