package org.clamp3.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {

    @Test
    void ranksByCosineThenByKeyAndKeysByRelativePath(@TempDir Path dir) throws IOException {
        Npy.writeFloat32(dir.resolve("x.npy"), new float[] {1, 0}, 1, 2);
        Npy.writeFloat32(dir.resolve("sub/y.npy"), new float[] {2, 0}, 1, 2);
        Npy.writeFloat32(dir.resolve("a.b.npy"), new float[] {0, 1}, 2);
        Npy.writeFloat32(dir.resolve("z.npy"), new float[] {-1, 1}, 1, 2);
        FeatureSet refs = FeatureSet.load(dir.toString(), e -> {
            throw e;
        });
        Search search = new Search(refs);
        List<SearchHit> hits = search.top(new float[] {1, 0.0f}, 3);
        assertEquals(List.of(new SearchHit("sub/y", 1f), new SearchHit("x", 1f), new SearchHit("a.b", 0f)), hits);
        assertEquals(4, search.top(new float[] {1, 0}, 10).size());
    }
}
