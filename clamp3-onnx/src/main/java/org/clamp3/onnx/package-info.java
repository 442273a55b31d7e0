/**
 * CLaMP 3's encoders on ONNX Runtime: ONNX graphs of the BERT stack built in Java from the weights
 * the libtorch model bound ({@link org.clamp3.core.model.EncoderWeights}), at fp32 or with int8
 * Linear layers ({@link org.clamp3.onnx.Precision}), and their windowed batch inference
 * ({@link org.clamp3.onnx.OnnxEncoder}, {@link org.clamp3.onnx.OnnxModel}).
 *
 * <p>{@code Proto} writes the few ONNX protobuf messages needed (field numbers of onnx.proto), so
 * no protobuf library or generated classes are involved. Uses core's model API only (not
 * {@code nn} or {@code binding}); prints nothing, exits nothing.
 */
package org.clamp3.onnx;
