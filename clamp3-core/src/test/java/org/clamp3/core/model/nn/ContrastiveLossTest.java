package org.clamp3.core.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.TestData;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.Tolerance;
import org.clamp3.core.model.WindowedInference;
import org.junit.jupiter.api.Test;

/** The fixture's contrastive-loss batches: same features and the same loss as the original CLaMP3Model.forward. */
class ContrastiveLossTest {

    @Test
    void matchesTheOriginalOnBothFixtureBatches() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(TestData.path("model/MANIFEST.json").toFile());
        try (Clamp3Model model = Clamp3Model.load(TestData.path("model"))) {
            int checked = 0;
            for (JsonNode c : manifest.get("cases")) {
                if (!c.get("kind").asText().equals("clamp3_contrastive_loss")) {
                    continue;
                }
                JsonNode f = c.get("files");
                Modality music = Modality.valueOf(c.get("music_modality").asText().toUpperCase());
                float[][] text = features(model, Modality.TEXT, read(f, "text_inputs"), read(f, "text_masks"));
                float[][] mus = features(model, music, read(f, "music_inputs"), read(f, "music_masks"));
                JsonNode ft = c.get("feature_tolerance");
                Tolerance tol = new Tolerance(ft.get("max_abs_diff").asDouble(), ft.get("min_row_cosine").asDouble());
                tol.check(c.get("id") + " text", read(f, "text_features").floats(), flatten(text), text[0].length);
                tol.check(c.get("id") + " music", read(f, "music_features").floats(), flatten(mus), mus[0].length);
                try (NDManager m = model.manager().newSubManager()) {
                    NDArray t = m.create(flatten(text), new Shape(text.length, text[0].length));
                    NDArray u = m.create(flatten(mus), new Shape(mus.length, mus[0].length));
                    double loss = ContrastiveLoss.loss(t, u, model.config().logitScale()).getFloat();
                    assertEquals(c.get("expected_loss").asDouble(), loss, c.get("tolerance").get("abs_diff").asDouble());
                }
                checked++;
            }
            assertEquals(2, checked);
        }
    }

    private static NpyArray read(JsonNode files, String key) {
        return Npy.read(TestData.path("model/" + files.get(key).asText()));
    }

    /** Global features of padded batch rows, each row cut to its mask. */
    private static float[][] features(Clamp3Model model, Modality modality, NpyArray inputs, NpyArray masks) {
        int[] shape = inputs.shape();
        int b = shape[0];
        int len = shape[1];
        float[] mask = masks.floats();
        List<EncodedInput> rows = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int n = 0;
            while (n < len && mask[i * len + n] > 0) {
                n++;
            }
            rows.add(row(modality, inputs, i, n));
        }
        List<float[]> out = new WindowedInference(model.encoder(modality), model.manager(), 8, 4096).run(rows, true);
        return out.toArray(new float[0][]);
    }

    private static EncodedInput row(Modality modality, NpyArray inputs, int i, int n) {
        int[] shape = inputs.shape();
        switch (modality) {
            case TEXT: {
                long[] all = inputs.longs();
                long[] ids = new long[n];
                System.arraycopy(all, i * shape[1], ids, 0, n);
                return new EncodedInput.TokenIds(ids);
            }
            case SYMBOLIC: {
                long[] all = inputs.longs();
                int p = shape[2];
                int[][] codes = new int[n][p];
                for (int r = 0; r < n; r++) {
                    for (int k = 0; k < p; k++) {
                        codes[r][k] = (int) all[(i * shape[1] + r) * p + k];
                    }
                }
                return new EncodedInput.Patches(codes);
            }
            default: {
                float[] all = inputs.floats();
                int h = shape[2];
                float[] values = new float[n * h];
                System.arraycopy(all, i * shape[1] * h, values, 0, n * h);
                return new EncodedInput.FeatureRows(values, h);
            }
        }
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }
}
