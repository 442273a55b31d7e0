/**
 * Reading and writing model weights without Python: {@link org.clamp3.core.weights.TorchCheckpoint}
 * reads torch.save zips through a {@link org.clamp3.core.weights.RestrictedUnpickler} that builds
 * plain data and tensors only and never runs code, {@link org.clamp3.core.weights.SafetensorsFile}
 * reads .safetensors, both hand out {@link org.clamp3.core.weights.LazyTensor}s whose bytes are
 * read on demand, and {@link org.clamp3.core.weights.TorchCheckpointWriter} writes .pth files
 * that {@code torch.load} accepts.
 */
package org.clamp3.core.weights;
