/**
 * What training needs from the model: a {@link org.clamp3.core.model.train.TrainableModel} (its
 * weights by state-dict key, which of them are tied or transposed, its dropout switch), which
 * {@link org.clamp3.core.model.train.StateDicts} turns back into a checkpoint; the contrastive
 * {@link org.clamp3.core.model.train.ClipBatch} that {@code Clamp3Model.contrastiveLoss} takes; and
 * M3 pre-training: {@link org.clamp3.core.model.train.M3Model} (patch encoder and GPT-2 token
 * decoder) with its {@link org.clamp3.core.model.train.M3Batch}. The training loops live in the
 * clamp3-train module.
 *
 * <p>Used by {@code Clamp3Model} (which is trainable), clamp3-train and the CLI's train commands;
 * nothing else in core or preprocess may use it. Imports {@code org.clamp3.core.model} and its
 * sub-packages, {@code core.weights} and DJL; must not import the input pipeline or the extractor.
 */
package org.clamp3.core.model.train;
