/**
 * From checkpoint files to tensors: {@link org.clamp3.core.model.binding.ModelFiles} finds the
 * weight file a config names, {@link org.clamp3.core.model.binding.WeightBinder} moves its tensors
 * into NDArrays by state-dict key, checking every shape and naming every missing, mis-shaped or
 * unknown key in one error, and {@link org.clamp3.core.model.binding.BoundWeights} is what that
 * produced (the parameters, the tensors kept only for saving, which parameters are held transposed).
 * {@link org.clamp3.core.model.binding.ModelConversion} writes a checkpoint's model-only
 * .safetensors beside it, and {@link org.clamp3.core.model.binding.ModelFingerprint} says which
 * model a folder holds (a conversion keeps its source's fingerprint).
 *
 * <p>Knows keys and shapes, not networks: imports only {@code core.weights}, {@code core.io} and
 * DJL, and must not import any other {@code org.clamp3.core.model} package. Outside
 * {@code core.model} only MERT ({@code org.clamp3.preprocess.audio.mert}) binds weights with it.
 */
package org.clamp3.core.model.binding;
