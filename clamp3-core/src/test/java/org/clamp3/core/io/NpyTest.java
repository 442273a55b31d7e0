package org.clamp3.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.clamp3.core.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyTest {

    /** Files written by numpy (src-test-data/npy/make_npy_fixtures.py): arange * 0.5 - 3, or * 7 - 11 for ints. */
    @ParameterizedTest
    @CsvSource({
        "f32_le_c_1x768.npy, FLOAT32, 1 768",
        "f32_be_c_2x3.npy, FLOAT32, 2 3",
        "f64_le_c_768.npy, FLOAT64, 768",
        "f64_be_c_1x4.npy, FLOAT64, 1 4",
        "f32_le_fortran_3x4.npy, FLOAT32, 3 4",
        "f64_le_fortran_2x3x4.npy, FLOAT64, 2 3 4",
        "f32_v2_2x3.npy, FLOAT32, 2 3",
        "f32_v3_2x3.npy, FLOAT32, 2 3",
        "f32_temporal_1x5x8.npy, FLOAT32, 1 5 8",
    })
    void readsNumpyFloatFiles(String name, NpyArray.DType dtype, String shape) {
        NpyArray a = Npy.read(TestData.path("npy/" + name));
        assertEquals(dtype, a.dtype());
        assertArrayEquals(Arrays.stream(shape.split(" ")).mapToInt(Integer::parseInt).toArray(), a.shape());
        float[] v = a.floats();
        for (int i = 0; i < v.length; i++) {
            assertEquals(i * 0.5f - 3, v[i], 0f, name + " at " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "i32_le_c_3x2.npy, INT32, 3 2",
        "i64_be_c_5.npy, INT64, 5",
        "i64_le_c_2x2x3.npy, INT64, 2 2 3",
    })
    void readsNumpyIntFiles(String name, NpyArray.DType dtype, String shape) {
        NpyArray a = Npy.read(TestData.path("npy/" + name));
        assertEquals(dtype, a.dtype());
        assertArrayEquals(Arrays.stream(shape.split(" ")).mapToInt(Integer::parseInt).toArray(), a.shape());
        long[] v = a.longs();
        for (int i = 0; i < v.length; i++) {
            assertEquals(i * 7L - 11, v[i], name + " at " + i);
        }
    }

    @Test
    void refusesOtherDtypesWithTheFileName() {
        for (String name : new String[] {"u8_2.npy", "str_2.npy"}) {
            Path f = TestData.path("npy/" + name);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.read(f));
            assertTrue(e.getMessage().startsWith(f.toString() + ": unsupported dtype"), e.getMessage());
        }
    }

    @Test
    void refusesTruncatedAndForeignFiles(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(TestData.path("npy/f32_le_c_1x768.npy"));
        Path truncated = dir.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(good, good.length - 100));
        assertMessage(truncated, "truncated .npy data");

        Path headerCut = dir.resolve("header.npy");
        Files.write(headerCut, Arrays.copyOf(good, 40));
        assertMessage(headerCut, "truncated or corrupt .npy header");

        Path text = dir.resolve("text.npy");
        Files.writeString(text, "hello, I am not numpy");
        assertMessage(text, "not a .npy file");

        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        assertMessage(empty, "not a .npy file");

        // a header that claims an enormous shape must be refused before anything is allocated
        Path huge = dir.resolve("huge.npy");
        Files.write(huge, Npy.header("<f4", new int[] {Integer.MAX_VALUE - 9}));
        assertMessage(huge, "truncated .npy data");

        assertMessage(dir.resolve("missing.npy"), "no such file");
    }

    private static void assertMessage(Path f, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f + ": " + expected), e.getMessage());
        assertEquals(f, e.file());
    }

    @Test
    void writesWhatNumpyWrites(@TempDir Path dir) throws IOException {
        // numpy.save of a (1, 768) float32 array: same header bytes, same data
        float[] v = new float[768];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f - 3;
        }
        Path ours = dir.resolve("ours.npy");
        Npy.writeFloat32(ours, v, 1, 768);
        assertArrayEquals(Files.readAllBytes(TestData.path("npy/f32_le_c_1x768.npy")), Files.readAllBytes(ours));
    }

    @Test
    void roundTripsEveryTypeAndRank(@TempDir Path dir) throws IOException {
        NpyArray[] arrays = {
            NpyArray.ofFloats(new float[] {1.5f, -2f, Float.MIN_VALUE}, 3),
            NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3),
            NpyArray.ofDoubles(new double[] {Math.PI, -0.0}, 2, 1),
            NpyArray.ofInts(new int[] {Integer.MIN_VALUE, 7}, 2),
            NpyArray.ofLongs(new long[] {Long.MAX_VALUE}, 1),
            NpyArray.ofFloats(new float[] {42f}),
        };
        for (int i = 0; i < arrays.length; i++) {
            Path f = dir.resolve("a" + i + ".npy");
            Npy.write(f, arrays[i]);
            NpyArray back = Npy.read(f);
            assertEquals(arrays[i].dtype(), back.dtype());
            assertArrayEquals(arrays[i].shape(), back.shape());
            assertEquals(0, (Files.size(f) - arrays[i].size() * (long) arrays[i].dtype().size()) % 64,
                    "data starts on a 64-byte boundary");
        }
        assertArrayEquals(new float[] {1.5f, -2f, Float.MIN_VALUE}, Npy.read(dir.resolve("a0.npy")).floats());
        assertArrayEquals(new long[] {Long.MAX_VALUE}, Npy.read(dir.resolve("a4.npy")).longs());
    }

    @Test
    void numpyReadsOurFiles(@TempDir Path dir) throws Exception {
        assumeTrue(pythonHasNumpy(), "python3 with numpy not available");
        Npy.writeFloat32(dir.resolve("g.npy"), new float[] {0.25f, -1f, 3f}, 1, 3);
        Npy.write(dir.resolve("t.npy"), NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 1, 3, 2));
        Npy.write(dir.resolve("i.npy"), NpyArray.ofLongs(new long[] {5, -6}, 2));
        String script = "import numpy as np, sys\n"
                + "d = sys.argv[1]\n"
                + "g = np.load(d + '/g.npy'); t = np.load(d + '/t.npy'); i = np.load(d + '/i.npy')\n"
                + "assert g.dtype == np.float32 and g.shape == (1, 3) and g.tolist() == [[0.25, -1.0, 3.0]], g\n"
                + "assert t.shape == (1, 3, 2) and t[0, 2, 1] == 6 and t.flags['C_CONTIGUOUS'], t\n"
                + "assert i.dtype == np.int64 and i.tolist() == [5, -6], i\n"
                + "print('ok')\n";
        Process p = new ProcessBuilder("python3", "-c", script, dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("ok", out.strip());
    }

    static boolean pythonHasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
