/**
 * Embedding a collection on a Spark cluster and loading the result into an index.
 *
 * <ul>
 *   <li>{@link org.clamp3.spark.ExtractJob}: files on any Hadoop file system (a folder listed
 *       recursively, or a text file listing paths) → their bytes read through Spark's
 *       {@code binaryFile} source → {@code mapPartitions}, one model per executor JVM
 *       ({@link org.clamp3.spark.ExecutorModels}) embedding each partition's files in rounds exactly
 *       as {@code clamp3 extract --global} does → Parquet ({@code key, path, modality, vector,
 *       model_fingerprint, error}, one row per file; a file that fails is a row with {@code error}
 *       set) and optionally the same {@code .npy} tree as {@code extract}.</li>
 *   <li>{@link org.clamp3.spark.ImportJob}: that Parquet → an index (org.clamp3.index), which is
 *       why this module uses clamp3-index as well as core and preprocess.</li>
 * </ul>
 *
 * <p>Spark is a {@code provided} dependency: a cluster brings its own, {@code scripts/clamp3-spark}
 * puts the build's copy on the class path. The two jobs' {@code main} methods are this module's
 * application entry points (they parse arguments and print a summary); everything else reports
 * through return values and exceptions.
 */
package org.clamp3.spark;
