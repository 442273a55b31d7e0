package org.clamp3.core.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.FeatureModel;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModalityEncoder;
import org.clamp3.core.model.WindowedInference;

/**
 * Extracts features for many files: reader threads read and encode the next round of files
 * while the model computes the current one; the windows of a round are batched across files
 * ({@link WindowedInference}); each output is written atomically as float32 .npy, (1, D) global
 * or (1, n, H) per item. A file that cannot be used is reported and the rest go on; outputs
 * that already exist are skipped.
 */
public final class FeatureExtractor {
    private final FeatureModel model;
    private final ExtractionOptions options;
    private final Map<Modality, WindowedInference> inference = new EnumMap<>(Modality.class);

    public FeatureExtractor(FeatureModel model, ExtractionOptions options) {
        this.model = model;
        this.options = options;
        for (Modality m : Modality.values()) {
            ModalityEncoder encoder = model.encoder(m);
            if (encoder != null) {
                inference.put(m, options.exactOriginal() ? WindowedInference.exactOriginal(encoder, model.manager())
                        : new WindowedInference(encoder, model.manager(), options.maxWindows(), options.maxItems()));
            }
        }
    }

    public void run(List<FileTask> tasks, ExtractionListener listener) throws InterruptedException {
        List<FileTask> todo = new ArrayList<>();
        for (FileTask t : tasks) {
            if (isComplete(t.output())) {
                listener.skipped(t);
            } else {
                todo.add(t);
            }
        }
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, options.readers()), r -> {
            Thread th = new Thread(r, "clamp3-reader");
            th.setDaemon(true);
            return th;
        });
        try {
            int round = Math.max(1, options.filesPerRound());
            List<Future<EncodedInput>> next = submit(readers, todo, 0, round);
            for (int start = 0; start < todo.size(); start += round) {
                List<Future<EncodedInput>> current = next;
                next = submit(readers, todo, start + round, round); // read ahead while this round computes
                compute(todo.subList(start, Math.min(todo.size(), start + round)), current, listener);
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private List<Future<EncodedInput>> submit(ExecutorService readers, List<FileTask> todo, int start, int count) {
        List<Future<EncodedInput>> futures = new ArrayList<>();
        for (int i = start; i < Math.min(todo.size(), start + count); i++) {
            Path input = todo.get(i).input();
            futures.add(readers.submit(() -> model.read(input)));
        }
        return futures;
    }

    private void compute(List<FileTask> tasks, List<Future<EncodedInput>> inputs, ExtractionListener listener)
            throws InterruptedException {
        Map<Modality, List<Integer>> byModality = new EnumMap<>(Modality.class);
        EncodedInput[] encoded = new EncodedInput[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            try {
                encoded[i] = inputs.get(i).get();
                if (!inference.containsKey(encoded[i].modality())) {
                    throw new InvalidInputException(tasks.get(i).input(), "this model has no " + encoded[i].modality().name().toLowerCase() + " encoder");
                }
                byModality.computeIfAbsent(encoded[i].modality(), m -> new ArrayList<>()).add(i);
            } catch (ExecutionException e) {
                listener.failed(tasks.get(i), asInputError(tasks.get(i), e.getCause()));
            } catch (InvalidInputException e) {
                listener.failed(tasks.get(i), e);
            }
        }
        for (Map.Entry<Modality, List<Integer>> group : byModality.entrySet()) {
            List<EncodedInput> batch = new ArrayList<>();
            for (int i : group.getValue()) {
                batch.add(encoded[i]);
            }
            WindowedInference wi = inference.get(group.getKey());
            List<float[]> features;
            try {
                features = wi.run(batch, options.global());
            } catch (RuntimeException e) {
                for (int i : group.getValue()) {
                    listener.failed(tasks.get(i), asInputError(tasks.get(i), e));
                }
                continue;
            }
            for (int k = 0; k < batch.size(); k++) {
                FileTask task = tasks.get(group.getValue().get(k));
                try {
                    write(task.output(), features.get(k), batch.get(k).length(), wi.encoder().hiddenSize());
                    listener.written(task);
                } catch (IOException e) {
                    listener.failed(task, new InvalidInputException(task.output(), "cannot write: " + e.getMessage(), e));
                }
            }
        }
    }

    private void write(Path output, float[] feature, int items, int hidden) throws IOException {
        if (options.global()) {
            Npy.writeFloat32(output, feature, 1, feature.length);
        } else {
            Npy.writeFloat32(output, feature, 1, items, hidden);
        }
    }

    private static InvalidInputException asInputError(FileTask task, Throwable cause) {
        if (cause instanceof InvalidInputException) {
            return (InvalidInputException) cause;
        }
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new InvalidInputException(task.input(), msg.lines().findFirst().orElse(msg), cause);
    }

    /** An existing output counts as done only if it is a readable .npy (outputs are written atomically). */
    static boolean isComplete(Path output) {
        if (!Files.isRegularFile(output)) {
            return false;
        }
        try {
            NpyArray a = Npy.read(output);
            return a.size() > 0;
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
