package org.clamp3.cli.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import org.clamp3.cli.ProgressBar;
import org.clamp3.core.model.train.TrainableModel;
import org.clamp3.train.TrainingCheckpoint;
import org.clamp3.train.TrainingLoop;
import org.clamp3.train.TrainingOptions;
import org.clamp3.train.TrainingState;

import picocli.CommandLine;

/**
 * Runs a training loop for a command: from the start or from --resume, with a progress bar, one
 * printed line per epoch and the original's closing lines.
 */
final class Runs {
    private Runs() {}

    static void run(TrainingLoop loop, TrainableModel model, Path resume, TrainingOptions options, int trainSize,
                    CommandLine cl) throws IOException {
        TrainingState state = resume != null ? TrainingCheckpoint.resume(resume, loop.optimizer(), model.manager())
                : TrainingState.start();
        TrainingState end = run(loop, state, options, trainSize, cl);
        cl.getOut().printf(Locale.ROOT, "Best Eval Epoch : %d%nMin Eval Loss : %s%n", end.bestEpoch(), end.minEvalLoss());
        cl.getOut().flush();
    }

    private static TrainingState run(TrainingLoop loop, TrainingState state, TrainingOptions options, int trainSize,
                                     CommandLine cl) throws IOException {
        PrintWriter out = cl.getOut();
        long perEpoch = trainSize / Math.max(1, options.batchSize());
        long total = perEpoch * options.epochs();
        if (options.maxSteps() > 0) {
            total = Math.min(total, options.maxSteps());
        }
        try (ProgressBar bar = new ProgressBar(cl.getErr(), "Training", Math.max(0, total - state.globalStep()))) {
            return loop.run(state, new TrainingLoop.Listener() {
                @Override
                public void step(long step, double loss, double lr) {
                    bar.step();
                }

                @Override
                public void epoch(int epoch, double trainLoss, double evalLoss, boolean best) {
                    out.printf(Locale.ROOT, "Epoch %d: train_loss %.6f eval_loss %.6f%s%n", epoch, trainLoss, evalLoss,
                            best ? " (best so far, saved best.pth)" : "");
                    out.flush();
                }
            });
        }
    }
}
