package org.clamp3.index;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an index records about itself in each Lucene commit (the commit's user data): its format,
 * vector dimension, the fingerprints of the models its vectors came from, its settings and its
 * counts. Written atomically with the documents it describes.
 *
 * @param model the CLaMP 3 model's fingerprint, or null for vectors of unknown origin (an index of
 *              feature files built without a model)
 * @param mert the MERT model's fingerprint when raw audio was embedded, else null
 * @param source the absolute path of the folder it was built from
 * @param items entries (files), segments not counted
 * @param segments segment entries
 * @param precision what the model computed the vectors in: "fp32" (libtorch, or ONNX Runtime at
 *                  fp32) or "int8" (ONNX Runtime, quantized Linear layers); fp32 for indexes from
 *                  before it was recorded
 */
public record IndexMeta(int dimension, String model, String mert, IndexSettings settings, String source,
                        long items, long segments, String precision) {
    static final String FORMAT = "clamp3-index/1";
    public static final String FP32 = "fp32";

    public IndexMeta {
        precision = precision == null ? FP32 : precision;
    }

    /** fp32 vectors. */
    public IndexMeta(int dimension, String model, String mert, IndexSettings settings, String source, long items, long segments) {
        this(dimension, model, mert, settings, source, items, segments, FP32);
    }

    Map<String, String> toUserData() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clamp3.format", FORMAT);
        m.put("clamp3.dimension", Integer.toString(dimension));
        m.put("clamp3.model", model == null ? "" : model);
        m.put("clamp3.mert", mert == null ? "" : mert);
        m.put("clamp3.quantization", settings.quantization().label());
        m.put("clamp3.m", Integer.toString(settings.m()));
        m.put("clamp3.ef_construction", Integer.toString(settings.efConstruction()));
        m.put("clamp3.segment_seconds", Integer.toString(settings.segmentSeconds()));
        m.put("clamp3.source", source == null ? "" : source);
        m.put("clamp3.items", Long.toString(items));
        m.put("clamp3.segments", Long.toString(segments));
        m.put("clamp3.precision", precision);
        return m;
    }

    /**
     * @throws IllegalArgumentException when the commit is not one of ours or a field is unreadable
     */
    static IndexMeta fromUserData(Map<String, String> data) {
        String format = data.get("clamp3.format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(format == null ? "not a clamp3 index (its commit has no clamp3.format)"
                    : "index format " + format + " is not " + FORMAT);
        }
        try {
            IndexSettings settings = new IndexSettings(IndexSettings.Quantization.parse(data.get("clamp3.quantization")),
                    Integer.parseInt(data.get("clamp3.m")), Integer.parseInt(data.get("clamp3.ef_construction")),
                    Integer.parseInt(data.get("clamp3.segment_seconds")));
            return new IndexMeta(Integer.parseInt(data.get("clamp3.dimension")), emptyToNull(data.get("clamp3.model")),
                    emptyToNull(data.get("clamp3.mert")), settings, emptyToNull(data.get("clamp3.source")),
                    Long.parseLong(data.get("clamp3.items")), Long.parseLong(data.get("clamp3.segments")),
                    data.get("clamp3.precision")); // absent before precisions existed: fp32
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable index description in its commit: " + e.getMessage(), e);
        }
    }

    IndexMeta withCounts(int newDimension, long newItems, long newSegments) {
        return new IndexMeta(newDimension, model, mert, settings, source, newItems, newSegments, precision);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
