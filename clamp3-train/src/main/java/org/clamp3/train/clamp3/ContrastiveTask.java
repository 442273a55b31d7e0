package org.clamp3.train.clamp3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import com.fasterxml.jackson.databind.JsonNode;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.io.TextFiles;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.train.ClipBatch;
import org.clamp3.train.TrainingTask;
import org.clamp3.train.data.InstrumentInfo;
import org.clamp3.train.data.RandomCrop;
import org.clamp3.train.data.TextDropout;

/**
 * CLaMP 3 contrastive training on JSONL metadata, as the original train_clamp3_{audio,symbolic}.py
 * build their examples: text by text dropout (train) or the "analysis" field (eval), tokenized and
 * cropped to MAX_TEXT_LENGTH; music from one of the item's files (a random one in training; in
 * eval the first, or for symbolic the first .abc), with instrument names removed from 90 % of
 * training scores, cropped to the model's window. Items with missing files are reported and left
 * out; an example that fails to load is reported and its batch goes on without it.
 */
public final class ContrastiveTask implements TrainingTask {
    private final Clamp3Model model;
    private final Modality music;
    private final List<JsonNode> train;
    private final List<JsonNode> eval;
    private final Path trainBase;
    private final Path evalBase;
    private final boolean textDropout;
    private final Consumer<InvalidInputException> problems;

    public ContrastiveTask(Clamp3Model model, Modality music, List<JsonNode> train, Path trainBase, List<JsonNode> eval,
                           Path evalBase, boolean textDropout, Consumer<InvalidInputException> problems) {
        this.model = model;
        this.music = music;
        this.trainBase = trainBase;
        this.evalBase = evalBase;
        this.textDropout = textDropout;
        this.problems = problems;
        this.train = usable(train, trainBase, false);
        this.eval = usable(eval, evalBase, true);
    }

    /** Items whose files all exist and that have text (eval uses "analysis"; training any text field). */
    private List<JsonNode> usable(List<JsonNode> items, Path base, boolean isEval) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : items) {
            boolean ok = true;
            String text = isEval ? TextDropout.evalText(item) : TextDropout.apply(item, new Random(0), "\n");
            if (text.isBlank()) {
                problems.accept(new InvalidInputException(base, "item " + item.path("id").asText("?") + " has no text"
                        + (isEval ? " in \"analysis\"" : "")));
                continue;
            }
            for (JsonNode p : item.get("filepaths")) {
                Path file = base.resolve(p.asText());
                if (!Files.isRegularFile(file)) {
                    problems.accept(new InvalidInputException(file, "missing (listed by item " + item.path("id").asText("?") + ")"));
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.add(item);
            }
        }
        return out;
    }

    @Override
    public int trainSize() {
        return train.size();
    }

    @Override
    public int evalSize() {
        return eval.size();
    }

    @Override
    public NDArray loss(NDManager scope, int[] examples, boolean isTrain, Random random) {
        List<long[]> texts = new ArrayList<>();
        List<EncodedInput> items = new ArrayList<>();
        for (int i : examples) {
            JsonNode item = (isTrain ? train : eval).get(i);
            Path base = isTrain ? trainBase : evalBase;
            try {
                long[] text = text(item, isTrain, random);
                EncodedInput m = musicOf(item, base, isTrain, random);
                texts.add(text);
                items.add(m);
            } catch (InvalidInputException e) {
                problems.accept(e);
            } catch (IllegalArgumentException e) {
                problems.accept(new InvalidInputException(base, "item " + item.path("id").asText("?") + ": " + e.getMessage()));
            }
        }
        if (items.size() < 2) {
            return null; // a contrastive loss needs at least two pairs
        }
        int lt = texts.stream().mapToInt(t -> t.length).max().orElse(1);
        long[] ids = new long[texts.size() * lt];
        float[] masks = new float[ids.length];
        Arrays.fill(ids, model.config().textEncoder().padTokenId());
        for (int b = 0; b < texts.size(); b++) {
            long[] t = texts.get(b);
            System.arraycopy(t, 0, ids, b * lt, t.length);
            Arrays.fill(masks, b * lt, b * lt + t.length, 1f);
        }
        int lm = items.stream().mapToInt(EncodedInput::length).max().orElse(1);
        return model.contrastiveLoss(scope, new ClipBatch(ids, masks, lt, items, lm), music);
    }

    private long[] text(JsonNode item, boolean isTrain, Random random) {
        String text = isTrain && textDropout ? TextDropout.apply(item, random, model.sepToken()) : TextDropout.evalText(item);
        long[] ids = model.tokenize(text);
        int max = model.config().maxTextLength();
        int start = RandomCrop.start(ids.length, max, random, isTrain);
        return Arrays.copyOfRange(ids, start, start + Math.min(max, ids.length));
    }

    private EncodedInput musicOf(JsonNode item, Path base, boolean isTrain, Random random) {
        JsonNode paths = item.get("filepaths");
        String chosen;
        if (isTrain) {
            chosen = paths.get(random.nextInt(paths.size())).asText();
        } else if (music == Modality.SYMBOLIC && !paths.get(0).asText().endsWith(".abc") && paths.size() > 1) {
            chosen = paths.get(1).asText();
        } else {
            chosen = paths.get(0).asText();
        }
        Path file = base.resolve(chosen);
        if (music == Modality.SYMBOLIC) {
            String score = TextFiles.read(file);
            if (isTrain && random.nextDouble() < 0.9) {
                score = InstrumentInfo.remove(score);
            }
            int[][] patches = model.encodeSymbolic(score).codes();
            int max = model.config().patchLength();
            int start = RandomCrop.start(patches.length, max, random, isTrain);
            return new EncodedInput.Patches(Arrays.copyOfRange(patches, start, start + Math.min(max, patches.length)));
        }
        NpyArray a = Npy.read(file);
        int[] shape = a.shape();
        EncodedInput.FeatureRows rows = model.encodeAudio(a.floats(), shape[shape.length - 1]);
        int max = model.config().maxAudioLength();
        int n = rows.length();
        int start = RandomCrop.start(n, max, random, isTrain);
        int keep = Math.min(max, n);
        int w = rows.width();
        return new EncodedInput.FeatureRows(Arrays.copyOfRange(rows.values(), start * w, (start + keep) * w), w);
    }
}
