package org.clamp3.core.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.pipeline.CoreFormats;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.TestData;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.junit.jupiter.api.Test;

/** The M3 checkpoint's encoder alone gives the original extract_m3.py's per-patch features (expected/m3_local). */
class M3EncoderParityTest {

    @Test
    void perPatchFeaturesMatchTheOriginal() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(TestData.path("model/MANIFEST.json").toFile());
        try (M3EncoderModel model = M3EncoderModel.load(TestData.path("model"))) {
            List<JsonNode> cases = new ArrayList<>();
            List<EncodedInput> inputs = new ArrayList<>();
            for (JsonNode c : manifest.get("cases")) {
                if (c.path("outputs").has("m3_local")) {
                    cases.add(c);
                    inputs.add(new FileEncoder(model, CoreFormats.all()).encode(TestData.path("model/" + c.get("input").asText())));
                }
            }
            List<float[]> out = new WindowedInference(model.encoder(Modality.SYMBOLIC), model.manager(), 4, 2048).run(inputs, false);
            for (int i = 0; i < cases.size(); i++) {
                JsonNode expected = cases.get(i).get("outputs").get("m3_local");
                NpyArray e = Npy.read(TestData.path("model/" + expected.get("path").asText()));
                JsonNode tol = expected.get("tolerance");
                new Tolerance(tol.get("max_abs_diff").asDouble(), tol.get("min_row_cosine").asDouble())
                        .check(cases.get(i).get("id").asText(), e.floats(), out.get(i), e.shape()[2]);
            }
        }
    }
}
