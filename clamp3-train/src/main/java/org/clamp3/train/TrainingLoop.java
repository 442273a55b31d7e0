package org.clamp3.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import org.clamp3.core.model.train.TrainableModel;

/**
 * The training loop of the original scripts (epochs of shuffled, complete batches; AdamW; eval
 * loss after each epoch; the checkpoint with the best eval loss kept; one every SAVE_EVERY
 * epochs), made resumable and reproducible: the data order of epoch e and the randomness of
 * step s come from the seed alone, and a latest checkpoint with the optimiser state is written
 * regularly, so a run killed and resumed ends with the same weights as one that was not.
 *
 * <p>Files in the output folder: {@code best.pth} (best eval loss), {@code epoch_N.pth},
 * {@code last.pth} (resumable), {@code training.log} (the original's per-epoch log format).
 */
public final class TrainingLoop {

    /** Hears progress, for progress bars and logs. */
    public interface Listener {
        default void step(long step, double loss, double lr) {
        }

        default void epoch(int epoch, double trainLoss, double evalLoss, boolean best) {
        }
    }

    private final TrainableModel model;
    private final Map<String, NDArray> trainable;
    private final TrainingTask task;
    private final TrainingOptions options;
    private final String modality;
    private final TorchAdamW optimizer;

    public TrainingLoop(TrainableModel model, Map<String, NDArray> trainable, TrainingTask task, TrainingOptions options,
                        String modality) {
        this.model = model;
        this.trainable = trainable;
        this.task = task;
        this.options = options;
        this.modality = modality;
        this.optimizer = new TorchAdamW(model.manager());
    }

    public TorchAdamW optimizer() {
        return optimizer;
    }

    /** Trains from {@code state} (start() for a fresh run, or what a checkpoint resumed). */
    public TrainingState run(TrainingState state, Listener listener) throws IOException {
        int perEpoch = task.trainSize() / options.batchSize();
        if (perEpoch == 0) {
            throw new IllegalArgumentException("fewer training examples (" + task.trainSize() + ") than one batch ("
                    + options.batchSize() + ")");
        }
        Files.createDirectories(options.outDir());
        removeStaleTemporaryFiles();
        for (NDArray p : trainable.values()) {
            p.setRequiresGradient(true);
        }
        WarmupSchedule schedule = new WarmupSchedule(options.learningRate(), options.warmupSteps());
        long step = state.globalStep();
        int bestEpoch = state.bestEpoch();
        double minEval = state.minEvalLoss();
        int firstEpoch = (int) (step / perEpoch) + 1;
        for (int epoch = firstEpoch; epoch <= options.epochs(); epoch++) {
            List<Integer> order = epochOrder(epoch);
            double lossSum = 0;
            int losses = 0;
            for (int b = (int) (step - (long) (epoch - 1) * perEpoch); b < perEpoch; b++) {
                if (options.maxSteps() > 0 && step >= options.maxSteps()) {
                    saveLast(step, epoch - 1, bestEpoch, minEval);
                    return new TrainingState(step, epoch - 1, bestEpoch, minEval);
                }
                step++;
                double lr = schedule.lr(step);
                Double loss = trainStep(batch(order, b), step, lr);
                if (loss != null) {
                    lossSum += loss;
                    losses++;
                    listener.step(step, loss, lr);
                }
                if (options.checkpointEverySteps() > 0 && step % options.checkpointEverySteps() == 0) {
                    saveLast(step, epoch - 1, bestEpoch, minEval);
                }
            }
            double trainLoss = losses == 0 ? Double.NaN : lossSum / losses;
            double evalLoss = evalLoss();
            boolean best = evalLoss < minEval;
            if (best) {
                bestEpoch = epoch;
                minEval = evalLoss;
            }
            TrainingState now = new TrainingState(step, epoch, bestEpoch, minEval);
            log(epoch, trainLoss, evalLoss);
            if (best) {
                TrainingCheckpoint.write(options.outDir().resolve("best.pth"), model, optimizer, now, modality, options.seed(), false);
            }
            if (options.saveEvery() > 0 && epoch % options.saveEvery() == 0) {
                TrainingCheckpoint.write(options.outDir().resolve("epoch_" + epoch + ".pth"), model, optimizer, now, modality,
                        options.seed(), false);
            }
            saveLast(step, epoch, bestEpoch, minEval);
            listener.epoch(epoch, trainLoss, evalLoss, best);
        }
        return new TrainingState(step, options.epochs(), bestEpoch, minEval);
    }

    /** Checkpoints are written to ".NAME.*.tmp" and renamed; a killed run can leave such files behind. */
    private void removeStaleTemporaryFiles() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(options.outDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && name.contains(".pth.")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private void saveLast(long step, int epoch, int bestEpoch, double minEval) throws IOException {
        TrainingCheckpoint.write(options.outDir().resolve("last.pth"), model, optimizer,
                new TrainingState(step, epoch, bestEpoch, minEval), modality, options.seed(), true);
    }

    /** The shuffled order of epoch {@code epoch}: a function of the seed and the epoch only. */
    private List<Integer> epochOrder(int epoch) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < task.trainSize(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(options.seed() * 7919 + epoch));
        return order;
    }

    private int[] batch(List<Integer> order, int b) {
        int[] idx = new int[options.batchSize()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = order.get(b * options.batchSize() + i);
        }
        return idx;
    }

    private Double trainStep(int[] examples, long step, double lr) {
        // everything random in this step derives from (seed, step): resuming replays it exactly
        Random random = new Random(options.seed() * 1_000_003L + step);
        Engine.getEngine("PyTorch").setRandomSeed((int) (options.seed() * 31 + step));
        model.dropout().setTraining(true);
        double loss;
        try (NDManager scope = model.manager().newSubManager();
             GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray l = task.loss(scope, examples, true, random);
            if (l == null) {
                return null;
            }
            loss = l.getFloat();
            collector.backward(l);
        } finally {
            model.dropout().setTraining(false);
        }
        optimizer.step(trainable, lr);
        Gradients.zero(trainable);
        return loss;
    }

    /** Mean loss over the complete eval batches, dropout off, no gradients. */
    private double evalLoss() {
        int batches = task.evalSize() / options.batchSize();
        if (batches == 0) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        try (NoGrad ignored = new NoGrad()) {
            for (int b = 0; b < batches; b++) {
                int[] idx = new int[options.batchSize()];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = b * options.batchSize() + i;
                }
                try (NDManager scope = model.manager().newSubManager()) {
                    NDArray l = task.loss(scope, idx, false, new Random(0));
                    if (l != null) {
                        sum += l.getFloat();
                        n++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Appends the original's per-epoch log entry. */
    private void log(int epoch, double trainLoss, double evalLoss) throws IOException {
        String time = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT));
        String entry = "Epoch " + epoch + "\ntrain_loss: " + trainLoss + "\neval_loss: " + evalLoss + "\ntime: " + time + "\n\n";
        Files.writeString(options.outDir().resolve("training.log"), entry, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
