/**
 * The model as its users see it: {@link org.clamp3.core.model.Clamp3Model} (text, symbolic and
 * audio encoders whose projections share one embedding space) and
 * {@link org.clamp3.core.model.M3EncoderModel} (a bare M3 encoder), both
 * {@link org.clamp3.core.model.FeatureModel}s: they turn a {@link org.clamp3.core.model.ModelInput}
 * (what a file holds) into an {@link org.clamp3.core.model.EncodedInput} (tokens, patches or feature
 * rows) and hand out one {@link org.clamp3.core.model.ModalityEncoder} per
 * {@link org.clamp3.core.model.Modality}. {@link org.clamp3.core.model.Segmentation} cuts an input
 * into {@link org.clamp3.core.model.Window}s as the original does, and
 * {@link org.clamp3.core.model.WindowedInference} runs an encoder over many inputs in batches of
 * windows and puts the outputs back together.
 *
 * <p>Sub-packages: {@code config} (config.json), {@code nn} (the layers behind the encoders),
 * {@code binding} (checkpoint tensors into layers, by state-dict key) and {@code train} (what
 * training needs: trainable weights, batches, the M3 pre-training model).
 *
 * <p>Code outside {@code org.clamp3.core.model} uses this package, {@code config} and, for training,
 * {@code train}; it does not reach into {@code nn} or {@code binding} (ArchitectureTest names the
 * few exceptions). This package must not import what is built on the model ({@code core.pipeline},
 * {@code core.extract}), other clamp3 modules or a CLI library.
 */
package org.clamp3.core.model;
