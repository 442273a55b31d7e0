package org.clamp3.train.m3;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.clamp3.core.input.M3Patchilizer;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.TextFiles;
import org.clamp3.core.model.train.M3Batch;
import org.clamp3.core.model.train.M3Model;
import org.clamp3.train.TrainingTask;
import org.clamp3.train.data.PatchMasking;
import org.clamp3.train.data.RandomCrop;

/**
 * M3 pre-training examples, as the original train_m3.py builds them: a score's patches (with the
 * begin and end patches) cropped to PATCH_LENGTH (head/tail/middle in training, head in eval),
 * then masked ({@link PatchMasking}); a batch is padded to its longest item. A file that cannot
 * be read or patched is reported and its batch goes on without it.
 */
public final class M3Task implements TrainingTask {
    private final M3Model model;
    private final M3Patchilizer patchilizer;
    private final List<Path> train;
    private final List<Path> eval;
    private final double maskRatio;
    private final Consumer<InvalidInputException> problems;

    public M3Task(M3Model model, List<Path> train, List<Path> eval, double maskRatio, Consumer<InvalidInputException> problems) {
        this.model = model;
        this.patchilizer = new M3Patchilizer(model.config().patchSize());
        this.train = train;
        this.eval = eval;
        this.maskRatio = maskRatio;
        this.problems = problems;
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
        List<int[][]> targets = new ArrayList<>();
        List<PatchMasking.Masked> inputs = new ArrayList<>();
        int max = model.config().patchLength();
        for (int i : examples) {
            Path file = (isTrain ? train : eval).get(i);
            try {
                int[][] patches = patchilizer.encode(TextFiles.read(file));
                int start = RandomCrop.start(patches.length, max, random, isTrain);
                int[][] target = Arrays.copyOfRange(patches, start, start + Math.min(max, patches.length));
                targets.add(target);
                inputs.add(PatchMasking.apply(target, maskRatio, random, isTrain));
            } catch (InvalidInputException e) {
                problems.accept(e);
            } catch (IllegalArgumentException e) {
                problems.accept(new InvalidInputException(file, e.getMessage()));
            }
        }
        if (targets.isEmpty()) {
            return null;
        }
        int b = targets.size();
        int l = targets.stream().mapToInt(t -> t.length).max().orElse(1);
        int p = model.config().patchSize();
        long[] input = new long[b * l * p];
        long[] target = new long[b * l * p];
        float[] masks = new float[b * l];
        float[] selected = new float[b * l];
        for (int i = 0; i < b; i++) {
            int[][] t = targets.get(i);
            PatchMasking.Masked m = inputs.get(i);
            for (int r = 0; r < t.length; r++) {
                masks[i * l + r] = 1f;
                selected[i * l + r] = m.selected()[r] ? 1f : 0f;
                for (int k = 0; k < p; k++) {
                    input[(i * l + r) * p + k] = m.input()[r][k];
                    target[(i * l + r) * p + k] = t[r][k];
                }
            }
        }
        return model.loss(scope, new M3Batch(input, masks, selected, target, b, l, p));
    }
}
