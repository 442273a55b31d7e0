package org.clamp3.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.Modality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fp32 graphs on ONNX Runtime against every extract_clamp3 case of the model fixtures, local
 * and global, within the MANIFEST's tolerances (as ModelParityTest checks libtorch); batched
 * across a modality's files and in the original's schedule. Then int8 against fp32, reported.
 */
class OnnxParityTest {
    private static Clamp3Model model;
    private static OnnxModel fp32;
    private static OnnxModel int8;
    private static JsonNode manifest;

    @BeforeAll
    static void load() throws IOException {
        model = Clamp3Model.load(Fixtures.path("model"));
        fp32 = new OnnxModel(model, Precision.FP32, 1);
        int8 = new OnnxModel(model, Precision.INT8, 1);
        manifest = Fixtures.manifest();
    }

    @AfterAll
    static void close() {
        int8.close();
        fp32.close();
        model.close();
    }

    private static List<EncodedInput> inputs(List<JsonNode> cases) throws IOException {
        List<EncodedInput> inputs = new ArrayList<>();
        for (JsonNode c : cases) {
            inputs.add(Fixtures.encode(model, c));
        }
        return inputs;
    }

    @TestFactory
    Stream<DynamicTest> fp32ReproducesTheOriginal() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Modality modality : Modality.values()) {
            for (boolean global : new boolean[] {false, true}) {
                for (boolean exact : new boolean[] {false, true}) {
                    tests.add(DynamicTest.dynamicTest(modality + (global ? " global" : " local") + (exact ? " exact-original" : " batched"),
                            () -> check(modality, global, exact)));
                }
            }
        }
        return tests.stream();
    }

    private void check(Modality modality, boolean global, boolean exact) throws IOException {
        List<JsonNode> cases = Fixtures.cases(manifest, modality);
        List<float[]> results = fp32.inference(modality, 8, 2048, exact).run(inputs(cases), global);
        double worstDiff = 0;
        double worstCos = 1;
        for (int i = 0; i < cases.size(); i++) {
            JsonNode out = cases.get(i).get("outputs").get(global ? "global" : "local");
            JsonNode tol = out.get("tolerance");
            int width = out.get("shape").get(out.get("shape").size() - 1).asInt();
            double[] d = Fixtures.compare(Fixtures.expected(cases.get(i), global), results.get(i), width);
            String id = cases.get(i).get("id").asText();
            assertTrue(d[0] <= tol.get("max_abs_diff").asDouble(), id + ": max abs diff " + d[0]);
            assertTrue(d[1] >= tol.get("min_row_cosine").asDouble(), id + ": row cosine " + d[1]);
            worstDiff = Math.max(worstDiff, d[0]);
            worstCos = Math.min(worstCos, d[1]);
        }
        System.out.printf(java.util.Locale.ROOT, "onnxruntime fp32 vs the original, %s %s%s: %d cases, max abs diff %.2e, min row cosine %.8f%n",
                modality, global ? "global" : "local", exact ? " exact-original" : "", cases.size(), worstDiff, worstCos);
    }

    /** Global features of every fixture input, int8 against fp32: printed (min/mean), and bounded. */
    @Test
    void int8StaysCloseToFp32() throws IOException {
        double min = 1;
        double sum = 0;
        int n = 0;
        StringBuilder report = new StringBuilder();
        for (Modality modality : Modality.values()) {
            List<JsonNode> cases = Fixtures.cases(manifest, modality);
            List<EncodedInput> inputs = inputs(cases);
            List<float[]> a = fp32.encoder(modality).run(inputs, true, 8, 2048);
            List<float[]> b = int8.encoder(modality).run(inputs, true, 8, 2048);
            double mMin = 1;
            double mSum = 0;
            for (int i = 0; i < a.size(); i++) {
                double cos = Fixtures.compare(a.get(i), b.get(i), a.get(i).length)[1];
                mMin = Math.min(mMin, cos);
                mSum += cos;
            }
            report.append(String.format("%s: %d inputs, cosine min %.6f mean %.6f (1 - min = %.2e)%n", modality, a.size(), mMin, mSum / a.size(), 1 - mMin));
            min = Math.min(min, mMin);
            sum += mSum;
            n += a.size();
        }
        report.append(String.format("all: %d inputs, cosine min %.6f mean %.6f (1 - min = %.2e)", n, min, sum / n, 1 - min));
        System.out.println("int8 vs fp32 (ONNX Runtime), global features of the model fixtures\n" + report);
        assertTrue(min >= 0.99, "int8 vs fp32 cosine " + min + " < 0.99\n" + report);
    }
}
