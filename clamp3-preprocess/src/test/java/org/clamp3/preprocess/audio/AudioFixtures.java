package org.clamp3.preprocess.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.preprocess.audio.codec.AudioDecoder;

/** The audio fixture folder (src-test-data/audio) and small readers for its files. */
public final class AudioFixtures {
    public static final Path ROOT = Path.of(System.getProperty("clamp3.testdata", "src-test-data")).resolve("audio");
    public static final Path MODEL = ROOT.resolve("model");

    private AudioFixtures() {}

    public static JsonNode manifest() throws IOException {
        return new ObjectMapper().readTree(ROOT.resolve("MANIFEST.json").toFile());
    }

    public static JsonNode json(String relative) throws IOException {
        return new ObjectMapper().readTree(ROOT.resolve(relative).toFile());
    }

    public static NpyArray npy(String relative) {
        return Npy.read(ROOT.resolve(relative));
    }

    /** The arrays in a numpy .npz (a zip of .npy files), by name without the .npy. */
    public static Map<String, NpyArray> npz(String relative) throws IOException {
        Map<String, NpyArray> out = new HashMap<>();
        Path tmp = Files.createTempFile("npz-entry", ".npy");
        try (InputStream in = Files.newInputStream(ROOT.resolve(relative)); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Files.copy(zip, tmp, StandardCopyOption.REPLACE_EXISTING);
                out.put(e.getName().replaceFirst("\\.npy$", ""), Npy.read(tmp));
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return out;
    }

    /** Largest |got - exp| - (atol + rtol*|exp|): at most 0 when every element is within tolerance. */
    public static double excess(float[] got, float[] exp, double atol, double rtol) {
        if (got.length != exp.length) {
            throw new AssertionError("length " + got.length + " != expected " + exp.length);
        }
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - exp[i]) - (atol + rtol * Math.abs(exp[i])));
        }
        return worst;
    }

    public static double maxAbsDiff(float[] got, float[] exp) {
        if (got.length != exp.length) {
            throw new AssertionError("length " + got.length + " != expected " + exp.length);
        }
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - exp[i]));
        }
        return worst;
    }

    /** The one-line error decoding {@code file} gives; it must start with the file's name. */
    public static String decodeError(Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AudioDecoder.decode(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }
}
