package org.clamp3.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.clamp3.core.input.M3Patchilizer;
import org.clamp3.core.input.TextInput;
import org.clamp3.core.input.TextTokenizer;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.binding.BoundWeights;
import org.clamp3.core.model.binding.ModelFiles;
import org.clamp3.core.model.binding.ModelFingerprint;
import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.ModelConfig;
import org.clamp3.core.model.nn.AudioEncoder;
import org.clamp3.core.model.nn.ContrastiveLoss;
import org.clamp3.core.model.nn.Dropout;
import org.clamp3.core.model.nn.SymbolicEncoder;
import org.clamp3.core.model.nn.TextEncoder;
import org.clamp3.core.model.train.ClipBatch;
import org.clamp3.core.model.train.TrainableModel;

/**
 * CLaMP 3: a text, a symbolic and an audio encoder whose projections share one embedding space,
 * loaded from a model folder (config.json, the checkpoint it names, the text model's
 * tokenizer.json). Typical use:
 *
 * <pre>{@code
 * try (Clamp3Model model = Clamp3Model.load(Path.of("models/clamp3-saas"))) {
 *     float[] t = model.embedText("A gentle waltz in G major.");
 *     float[] s = model.embedSymbolic(Files.readString(Path.of("tune.abc")));
 * }
 * }</pre>
 *
 * A model is used from one thread at a time.
 */
public final class Clamp3Model implements FeatureModel, TrainableModel {
    private final ModelConfig config;
    private final NDManager manager;
    private final Map<Modality, ModalityEncoder> encoders = new EnumMap<>(Modality.class);
    private final TextTokenizer tokenizer;
    private final M3Patchilizer patchilizer;
    private final Dropout dropout = new Dropout(0.1f);
    private BoundWeights weights;

    private Clamp3Model(ModelConfig config, NDManager manager, TextTokenizer tokenizer) {
        this.config = config;
        this.manager = manager;
        this.tokenizer = tokenizer;
        this.patchilizer = new M3Patchilizer(config.patchSize());
    }

    /** Loads the model folder; any missing file or mismatched weight is an {@link InvalidInputException}. */
    public static Clamp3Model load(Path dir) throws IOException {
        ModelConfig config = ModelConfig.read(dir);
        return load(dir, ModelFiles.find(dir, config.clamp3WeightsSafetensors(), config.clamp3WeightsPth(),
                "clamp3_weights_safetensors / clamp3_weights_pth"));
    }

    /**
     * The model folder's identity ({@link ModelFingerprint}: its config.json and the weights it
     * names), without loading it.
     */
    public static String fingerprint(Path dir) throws IOException {
        ModelConfig config = ModelConfig.read(dir);
        return ModelFingerprint.of(dir.resolve("config.json"), ModelFiles.find(dir, config.clamp3WeightsSafetensors(),
                config.clamp3WeightsPth(), "clamp3_weights_safetensors / clamp3_weights_pth"));
    }

    /** Loads the model folder's config and tokenizer with the weights of another checkpoint (e.g. one training wrote). */
    public static Clamp3Model load(Path dir, Path weightsFile) throws IOException {
        ModelConfig config = ModelConfig.read(dir);
        if (config.textEncoder() == null || config.textModelDir() == null) {
            throw new InvalidInputException(dir.resolve("config.json"), "no text model: set text_model_dir");
        }
        TextTokenizer tokenizer = TextTokenizer.load(dir.resolve(config.textModelDir()));
        NDManager manager = NDManager.newBaseManager("PyTorch");
        Clamp3Model model = new Clamp3Model(config, manager, tokenizer);
        try {
            model.weights = WeightBinder.bind(weightsFile, manager, w -> {
                int d = config.clamp3HiddenSize();
                Dropout dropout = model.dropout;
                model.encoders.put(Modality.TEXT, new TextEncoder(config.textEncoder(), w, d, config.maxTextLength(), dropout));
                model.encoders.put(Modality.SYMBOLIC, new SymbolicEncoder(config.symbolicEncoder(), w, "symbolic_model.",
                        "symbolic_proj.", d, config.patchSize(), config.patchLength(), dropout));
                model.encoders.put(Modality.AUDIO, new AudioEncoder(config.audioEncoder(), w, d, config.maxAudioLength(), dropout));
                return w.finish(List.of("")); // every key of a CLaMP 3 checkpoint must be one the model uses
            });
        } catch (RuntimeException | IOException e) {
            tokenizer.close();
            throw e;
        }
        return model;
    }

    public ModelConfig config() {
        return config;
    }

    @Override
    public BoundWeights weights() {
        return weights;
    }

    @Override
    public Dropout dropout() {
        return dropout;
    }

    @Override
    public ModalityEncoder encoder(Modality modality) {
        return encoders.get(modality);
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    /** Token ids of a text, with the tokenizer's special tokens (no line handling, no truncation). */
    public long[] tokenize(String text) {
        return tokenizer.encode(text);
    }

    /** The separator the original joins text pieces with ({@code </s>}). */
    public String sepToken() {
        return tokenizer.sepToken();
    }

    /** A .txt file's content as the original prepares it: unique non-empty lines joined with {@code </s>}, tokenized. */
    public EncodedInput.TokenIds encodeText(String fileText) {
        String joined = TextInput.join(fileText, tokenizer.sepToken());
        if (joined.isEmpty()) {
            throw new IllegalArgumentException("no text (the file has no non-empty line)");
        }
        return new EncodedInput.TokenIds(tokenizer.encode(joined));
    }

    /** ABC or MTF text as M3 patches, with the begin and end patches. */
    public EncodedInput.Patches encodeSymbolic(String abcOrMtf) {
        return new EncodedInput.Patches(patchilizer.encode(abcOrMtf));
    }

    /**
     * MERT features (any shape whose last dimension is the audio hidden size, read as rows) with
     * a zero row added before and after, as the original does.
     */
    public EncodedInput.FeatureRows encodeAudio(float[] values, int width) {
        int h = config.audioEncoder().hiddenSize();
        if (width != h) {
            throw new IllegalArgumentException("audio features have width " + width + ", the model takes " + h);
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("no audio feature rows");
        }
        float[] rows = new float[values.length + 2 * h];
        System.arraycopy(values, 0, rows, h, values.length);
        return new EncodedInput.FeatureRows(rows, h);
    }

    @Override
    public EncodedInput encode(ModelInput input) {
        if (input instanceof ModelInput.Text t) {
            return encodeText(t.text());
        }
        if (input instanceof ModelInput.Symbolic s) {
            return encodeSymbolic(s.text());
        }
        NpyArray a = ((ModelInput.AudioFeatures) input).features();
        if (a.rank() == 0 || a.dtype() == NpyArray.DType.INT32 || a.dtype() == NpyArray.DType.INT64) {
            throw new IllegalArgumentException("expected float MERT features of shape (..., "
                    + config.audioEncoder().hiddenSize() + "), got " + a.dtype().name().toLowerCase(java.util.Locale.ROOT)
                    + " " + NpyArray.shapeString(a.shape()));
        }
        int[] shape = a.shape();
        float[] values = a.floats();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + values[i] + " at index " + i + " (features must be finite)");
            }
        }
        return encodeAudio(values, shape[shape.length - 1]);
    }

    /**
     * The contrastive loss of a batch, as CLaMP3Model.forward computes it: global text and music
     * features (masked mean + projection), symmetric cross-entropy of their scaled products.
     */
    public NDArray contrastiveLoss(NDManager scope, ClipBatch batch, Modality music) {
        List<Window> texts = new java.util.ArrayList<>();
        List<Window> items = new java.util.ArrayList<>();
        int lt = batch.textLength();
        for (int i = 0; i < batch.size(); i++) {
            int n = 0;
            while (n < lt && batch.textMasks()[i * lt + n] > 0) {
                n++;
            }
            long[] ids = java.util.Arrays.copyOfRange(batch.textIds(), i * lt, i * lt + n);
            texts.add(new Window(new EncodedInput.TokenIds(ids), 0, n));
            EncodedInput m = batch.music().get(i);
            items.add(new Window(m, 0, m.length()));
        }
        NDArray t = encoder(Modality.TEXT).globalVectors(scope, texts, lt);
        NDArray u = encoder(music).globalVectors(scope, items, batch.musicLength());
        return ContrastiveLoss.loss(t, u, config.logitScale());
    }

    /** Global (projected) feature of a text. */
    public float[] embedText(String text) {
        return embed(encodeText(text));
    }

    /** Global feature of an ABC or MTF score. */
    public float[] embedSymbolic(String abcOrMtf) {
        return embed(encodeSymbolic(abcOrMtf));
    }

    /** Global feature of MERT features, one row per frame. */
    public float[] embedAudioFeatures(float[][] frames) {
        int h = config.audioEncoder().hiddenSize();
        float[] flat = new float[frames.length * h];
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].length != h) {
                throw new IllegalArgumentException("frame " + i + " has width " + frames[i].length + ", expected " + h);
            }
            System.arraycopy(frames[i], 0, flat, i * h, h);
        }
        return embed(encodeAudio(flat, h));
    }

    /** Global feature of an encoded input (of any modality). */
    public float[] embed(EncodedInput input) {
        return new WindowedInference(encoder(input.modality()), manager, 16, 8192).run(List.of(input), true).get(0);
    }

    @Override
    public void close() {
        manager.close();
        tokenizer.close();
    }
}
