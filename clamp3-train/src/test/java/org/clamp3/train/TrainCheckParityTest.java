package org.clamp3.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.djl.ndarray.NDArray;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * src-test-data/training (the original training code on the model fixtures' batches): losses,
 * gradient norms, gradients, weights and Adam moments after three AdamW steps, in both schedule
 * variants, within the training README's tolerances.
 */
class TrainCheckParityTest {
    private static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyCaseAndVariant() throws IOException {
        JsonNode manifest = JSON.readTree(DATA.resolve("training/MANIFEST.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            for (String variant : new String[] {"as_scripts", "warmup_attached"}) {
                tests.add(DynamicTest.dynamicTest(c.get("id").asText() + " " + variant, () -> check(c, variant)));
            }
        }
        return tests.stream();
    }

    private void check(JsonNode c, String variant) throws Exception {
        String id = c.get("id").asText();
        TrainCheck.Kind kind = id.equals("m3_loss") ? TrainCheck.Kind.M3
                : id.equals("clip_audio") ? TrainCheck.Kind.CLIP_AUDIO : TrainCheck.Kind.CLIP_SYMBOLIC;
        double base = kind == TrainCheck.Kind.M3 ? 1e-4 : 1e-5;
        WarmupSchedule schedule = new WarmupSchedule(base, variant.equals("as_scripts") ? 0 : 1000);
        String prefix = kind == TrainCheck.Kind.M3 ? "m3_" : id + "_";
        Map<String, float[]> initial = new HashMap<>();
        Map<String, float[][]> after = new HashMap<>(); // name -> weights after steps 1..3
        Map<String, float[][]> moments = new HashMap<>();
        JsonNode selected = c.get("selected");
        List<TrainCheck.StepRecord> records = TrainCheck.run(DATA.resolve("model"), kind, DATA.resolve("model/losses"),
                prefix, 3, schedule, new TrainCheck.Observer() {
                    @Override
                    public void afterBackward(int step, Map<String, NDArray> trainable) {
                        for (String name : names(selected)) {
                            NDArray p = trainable.get(name);
                            if (selected.get(name).path("requires_grad").asBoolean()) {
                                assertNotNull(p, name + " should be trainable");
                                if (step == 1) {
                                    initial.put(name, p.toFloatArray());
                                    try (NDArray g = p.getGradient()) {
                                        checkGradient(c, name, g.toFloatArray());
                                    }
                                }
                            } else {
                                assertTrue(p == null, name + " should be frozen");
                            }
                        }
                    }

                    @Override
                    public void afterStep(int step, Map<String, NDArray> trainable, TorchAdamW optimizer) {
                        for (String name : names(selected)) {
                            if (trainable.containsKey(name)) {
                                after.computeIfAbsent(name, k -> new float[4][])[step] = trainable.get(name).toFloatArray();
                                NDArray[] m = optimizer.moments(name);
                                if (m != null) {
                                    moments.computeIfAbsent(name, k -> new float[8][])[2 * step] = m[0].toFloatArray();
                                    moments.get(name)[2 * step + 1] = m[1].toFloatArray();
                                }
                            }
                        }
                    }
                });
        JsonNode steps = c.get(variant).get("steps");
        for (int k = 0; k < 3; k++) {
            JsonNode s = steps.get(k);
            TrainCheck.StepRecord r = records.get(k);
            assertEquals(s.get("loss_before_step").asDouble(), r.loss(), 1e-4, id + " loss before step " + (k + 1));
            assertEquals(s.get("grad_global_l2").asDouble(), r.gradNorm(), 1e-3 * s.get("grad_global_l2").asDouble(),
                    id + " gradient norm at step " + (k + 1));
            assertEquals(s.get("lr_used").asDouble(), r.lr(), 1e-15, id + " lr at step " + (k + 1));
            for (JsonNode f : s.get("files")) {
                checkFile(f.asText(), k + 1, s.get("lr_used").asDouble(), initial, after, moments);
            }
        }
    }

    private static List<String> names(JsonNode selected) {
        List<String> out = new ArrayList<>();
        selected.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** rel-L2 ≤ 1e-3 and max-abs ≤ 1e-3·max|g| (patch embedding compared on its stored columns). */
    private static void checkGradient(JsonNode c, String name, float[] grad) {
        JsonNode info = c.get("selected").get(name);
        String file = info.get("grad_file").asText();
        float[] expected;
        float[] actual;
        if (file.endsWith(".cols.npy") || !Files.exists(DATA.resolve("training/" + file))) {
            String base = file.replace(".cols.npy", "").replace(".npy", "");
            long[] cols = Npy.read(DATA.resolve("training/" + base + ".col_index.npy")).longs();
            NpyArray e = Npy.read(DATA.resolve("training/" + base + ".cols.npy"));
            expected = e.floats();
            actual = transposedRows(grad, info.get("shape").get(0).asInt(), cols);
        } else {
            expected = Npy.read(DATA.resolve("training/" + file)).floats();
            actual = grad;
        }
        double diff2 = 0;
        double norm2 = 0;
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = actual[i] - expected[i];
            diff2 += d * d;
            norm2 += (double) expected[i] * expected[i];
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(d));
        }
        assertTrue(Math.sqrt(diff2) <= 1e-3 * Math.sqrt(norm2), name + " gradient rel-L2 " + Math.sqrt(diff2 / norm2));
        assertTrue(maxDiff <= 1e-3 * maxAbs, name + " gradient max diff " + maxDiff + " vs max " + maxAbs);
    }

    /**
     * The patch embedding is held transposed, (8192, H): column j of the original (H, 8192) weight
     * is row j here. Returns the given columns in the original layout, (H × cols.length).
     */
    private static float[] transposedRows(float[] m, int h, long[] cols) {
        float[] out = new float[h * cols.length];
        for (int r = 0; r < h; r++) {
            for (int j = 0; j < cols.length; j++) {
                out[r * cols.length + j] = m[(int) cols[j] * h + r];
            }
        }
        return out;
    }

    /** Columns {@code cols} of a row-major (rows × width) matrix, as a (rows × cols.length) matrix. */
    private static float[] columns(float[] m, int width, long[] cols) {
        int rows = m.length / width;
        float[] out = new float[rows * cols.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols.length; j++) {
                out[r * cols.length + j] = m[r * width + (int) cols[j]];
            }
        }
        return out;
    }

    /** Weights after a step: the update p_k − p_0 within 0.05·lr for 99.9 % of elements and 2·lr for all. */
    private static void checkFile(String file, int step, double lr, Map<String, float[]> initial,
                                  Map<String, float[][]> after, Map<String, float[][]> moments) {
        String name = Path.of(file).getFileName().toString();
        NpyArray expected = Npy.read(DATA.resolve("training/" + file));
        if (name.endsWith(".exp_avg.npy") || name.endsWith(".exp_avg_sq.npy")) {
            boolean sq = name.endsWith(".exp_avg_sq.npy");
            String param = name.substring(0, name.length() - (sq ? ".exp_avg_sq.npy" : ".exp_avg.npy").length());
            float[] got = moments.get(param)[2 * step + (sq ? 1 : 0)];
            float[] want = expected.floats();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-3 * Math.abs(want[i]) + (sq ? 1e-12 : 1e-8), file + " at " + i);
            }
            return;
        }
        String param = name.endsWith(".cols.npy") ? name.substring(0, name.length() - ".cols.npy".length())
                : name.substring(0, name.length() - ".npy".length());
        float[] p0 = initial.get(param);
        float[] pk = after.get(param)[step];
        float[] want = expected.floats();
        if (name.endsWith(".cols.npy")) {
            String gradBase = "training/" + Path.of(file).getParent().getParent().getParent().getFileName() + "/grads/" + param;
            long[] cols = Npy.read(DATA.resolve(gradBase + ".col_index.npy")).longs();
            int h = want.length / cols.length;
            p0 = transposedRows(p0, h, cols);
            pk = transposedRows(pk, h, cols);
        }
        int far = 0;
        double limit = Math.max(lr, 1e-12);
        for (int i = 0; i < want.length; i++) {
            double diff = Math.abs((pk[i] - p0[i]) - (want[i] - p0[i]));
            assertTrue(diff <= 2 * limit + 1e-7 * Math.abs(p0[i]), file + " element " + i + " update differs by " + diff / limit + " lr");
            if (diff > 0.05 * limit + 1e-7 * Math.abs(p0[i])) {
                far++;
            }
        }
        assertTrue(far <= want.length / 1000, file + ": " + far + " of " + want.length + " elements beyond 0.05 lr");
    }
}
