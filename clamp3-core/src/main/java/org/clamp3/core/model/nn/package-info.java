/**
 * The network behind the encoders, for inference and training alike:
 * {@link org.clamp3.core.model.nn.BertEncoder} and its
 * {@link org.clamp3.core.model.nn.TransformerLayer}s (inference in the layout and with the kernels
 * the measured {@code core.model.kernel.KernelPlan} chooses); the three
 * {@link org.clamp3.core.model.ModalityEncoder}s that turn windows into input embeddings
 * ({@link org.clamp3.core.model.nn.TextEncoder}, {@link org.clamp3.core.model.nn.SymbolicEncoder},
 * {@link org.clamp3.core.model.nn.AudioEncoder}); M3's {@link org.clamp3.core.model.nn.Gpt2Decoder};
 * CLaMP 3's {@link org.clamp3.core.model.nn.ContrastiveLoss}; the
 * {@link org.clamp3.core.model.nn.Dropout} switch a model's layers share; and
 * {@link org.clamp3.core.model.nn.Scalars} for graphs that autograd differentiates. Each layer takes
 * its tensors from a {@link org.clamp3.core.model.binding.WeightBinder}, by state-dict key, when it
 * is built.
 *
 * <p>Internals: code outside {@code org.clamp3.core.model} does not use this package, except
 * {@code Dropout} (training switches it through {@code TrainableModel.dropout()}). Imports only
 * {@code org.clamp3.core.model}, its {@code config}, {@code binding} and {@code kernel} packages, and DJL; must not import {@code train}, file I/O or the pipeline.
 */
package org.clamp3.core.model.nn;
