/**
 * How inference runs the linear products of BERT-style layers on this CPU: the
 * {@link org.clamp3.core.model.kernel.KernelPlan} (layout and kernel per token count, and the
 * batching ceiling), measured by {@link org.clamp3.core.model.kernel.KernelProbe} and cached per
 * machine, and the pieces the layers of CLaMP 3 and MERT compute with in the columns layout
 * ({@link org.clamp3.core.model.kernel.PointwiseLinear}, {@link org.clamp3.core.model.kernel.Columns}).
 *
 * <p>Imports DJL, {@code core.util} and {@code core.io} only; used by {@code core.model.nn}, the
 * windowed inference, MERT and the {@code doctor} command.
 */
package org.clamp3.core.model.kernel;
