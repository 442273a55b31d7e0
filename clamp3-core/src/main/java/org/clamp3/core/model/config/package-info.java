/**
 * A model folder's configuration: {@link org.clamp3.core.model.config.ModelConfig} reads
 * config.json (or config.yaml) with the original config.py names and holds the nested BERT / XLM-R
 * {@link org.clamp3.core.model.config.EncoderConfig}s, the M3 token decoder's
 * {@link org.clamp3.core.model.config.DecoderConfig}, and the names of the weight files and the
 * text model folder.
 *
 * <p>Plain records read with Jackson: must not import any other {@code org.clamp3.core.model}
 * package or DJL, so that a config can be read without loading a network.
 */
package org.clamp3.core.model.config;
