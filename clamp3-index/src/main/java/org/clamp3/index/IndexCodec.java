package org.clamp3.index;

import java.util.concurrent.ExecutorService;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * Lucene's default codec with the vector format of the index's settings. Reading needs no
 * settings: each segment records its vector format's name, which Lucene resolves itself.
 */
final class IndexCodec extends Lucene912Codec {
    private final KnnVectorsFormat vectors;

    /**
     * @param mergeWorkers threads that build a merged segment's graph (1: the merging thread alone)
     * @param mergeExecutor runs them; null when mergeWorkers is 1
     */
    IndexCodec(IndexSettings settings, int mergeWorkers, ExecutorService mergeExecutor) {
        int workers = mergeExecutor == null ? 1 : mergeWorkers;
        this.vectors = settings.quantization() == IndexSettings.Quantization.INT8
                // 7 bits in each byte, as Lucene (and Elasticsearch's int8_hnsw) quantize; no compression
                ? new Lucene99HnswScalarQuantizedVectorsFormat(settings.m(), settings.efConstruction(), workers, 7, false,
                        null, mergeExecutor)
                : new Lucene99HnswVectorsFormat(settings.m(), settings.efConstruction(), workers, mergeExecutor);
    }

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return vectors;
    }
}
