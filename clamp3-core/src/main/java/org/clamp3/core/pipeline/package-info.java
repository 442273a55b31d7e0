/**
 * The one place that knows inputs and runs work over a tree of files.
 *
 * <p>Formats: an {@link org.clamp3.core.pipeline.InputFormat} says which extensions it takes, which
 * modality it feeds and how to read a file into a {@link org.clamp3.core.model.ModelInput};
 * {@link org.clamp3.core.pipeline.InputFormats} is the registry (core registers .txt, .abc, .mtf and
 * MERT-feature .npy in {@link org.clamp3.core.pipeline.CoreFormats}; the preprocess module adds the
 * raw formats), and {@link org.clamp3.core.pipeline.FileEncoder} is "this file's encoded input".
 *
 * <p>Batches: {@link org.clamp3.core.pipeline.BatchRunner} runs a
 * {@link org.clamp3.core.pipeline.FileJob} over the tasks of a mirrored tree with the same rules for
 * every command: an output is skipped only when it is complete ({@link org.clamp3.core.pipeline.OutputCheck},
 * the {@link org.clamp3.core.pipeline.OutputLedger}), files are prepared by N workers while the
 * batch thread finishes the previous round, outputs are written atomically, a bad file is reported
 * and the rest go on, and {@link Error}s are never swallowed.
 *
 * <p>Imports only org.clamp3.core packages and the JDK; never a CLI library, never prints or exits.
 */
package org.clamp3.core.pipeline;
