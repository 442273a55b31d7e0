package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of `clamp3 preprocess mert` at several different moments (first output not yet
 * written, a few written, about half, nearly all), then a plain rerun: the outputs are
 * byte-identical to an uninterrupted run's and no temporary file is left (a killed write's
 * {@code .NAME.<digits>.tmp} is removed when the rerun redoes that output).
 */
class MertKillIT {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));
    static final Path MERT = DATA.resolve("audio/model");
    static final int FILES = 40;

    @Test
    void killedRunsResumeToTheSameFeatures(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("wav");
        Files.createDirectories(in);
        for (int i = 0; i < FILES; i++) {
            Files.write(in.resolve(String.format("w%02d.wav", i)), wav(16_000, 16_000 + 800 * i, i));
        }
        Path reference = dir.resolve("reference");
        Process p = start(in, reference, dir);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));

        Path out = dir.resolve("killed");
        List<Predicate<Path>> moments = List.of(
                o -> Files.isDirectory(o),                 // started, maybe nothing written
                o -> outputs(o) >= 3,                      // a few written
                o -> outputs(o) >= FILES / 2,              // about half
                o -> outputs(o) >= FILES - 5);             // nearly all
        int kills = 0;
        for (Predicate<Path> moment : moments) {
            p = start(in, out, dir);
            while (p.isAlive() && !moment.test(out)) {
                Thread.sleep(2);
            }
            if (p.isAlive()) {
                p.destroyForcibly(); // SIGKILL: no shutdown hooks
                kills++;
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        assertTrue(kills >= 3, "only " + kills + " runs were killed before they finished");
        // a write cut short leaves its temporary file; make sure there is one to clean up
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("w07.npy"));
        Files.writeString(out.resolve(".w07.npy.4242.tmp"), "cut short");

        p = start(in, out, dir);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
        try (Stream<Path> files = Files.list(out)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of(), names.stream().filter(n -> n.endsWith(".tmp")).toList(), "temporary files are left");
            try (Stream<Path> ref = Files.list(reference)) {
                assertEquals(ref.map(f -> f.getFileName().toString()).sorted().toList(), names);
            }
            for (String name : names) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
            }
        }
    }

    static long outputs(Path out) {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".npy")).count();
        } catch (IOException e) {
            return 0; // not there yet, or changing while listed
        }
    }

    static Process start(Path in, Path out, Path cwd) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(RetrievalManifestIT.root().resolve("scripts/clamp3").toAbsolutePath().toString(),
                "preprocess", "mert", in.toString(), out.toString(), "--mert", MERT.toString(), "--workers", "1", "--threads", "1"));
        return new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(cwd.resolve("log.txt").toFile()).start();
    }

    /** A 16-bit mono WAV of {@code frames} frames: a tone whose pitch depends on {@code seed}. */
    static byte[] wav(int rate, int frames, int seed) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * frames).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * frames)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * frames);
        for (int i = 0; i < frames; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * (220 + 20 * seed) * i / rate)));
        }
        return b.array();
    }
}
