/**
 * A persistent search index of a music collection on embedded Lucene (9.12, HNSW graphs over
 * unit-length CLaMP 3 vectors, optionally int8-quantized): building it incrementally from a
 * folder tree through the input pipeline, searching it (approximate with exact re-scoring, or by
 * scanning every vector), verifying and describing it.
 *
 * <p>Imports core and preprocess only; prints nothing and never exits (the CLI does).
 */
package org.clamp3.index;
