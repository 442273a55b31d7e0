package org.clamp3.core.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

/** The plan's lookups, the kernels' agreement, and the probe's cache. */
class KernelPlanTest {
    @Test
    void bucketsCoverEveryTokenCount() {
        assertEquals(0, KernelPlan.bucket(1));
        assertEquals(0, KernelPlan.bucket(64));
        assertEquals(1, KernelPlan.bucket(65));
        assertEquals(KernelPlan.BUCKETS.length - 1, KernelPlan.bucket(1_000_000));
        KernelPlan conv = KernelPlan.uniform(Kernel.CONV);
        assertEquals(Layout.COLUMNS, conv.layout(300));
        assertEquals(Kernel.CONV, conv.kernel(ProductShape.FFN_UP, 300));
        assertEquals(Layout.ROWS, KernelPlan.uniform(Kernel.MATMUL).layout(5000));
        KernelPlan mixed = KernelPlan.columns(Kernel.MATMUL, Kernel.CONV, Kernel.MATMUL);
        assertEquals(Kernel.CONV, mixed.kernel(ProductShape.FFN_UP, 7));
        assertEquals(Kernel.MATMUL, mixed.kernel(ProductShape.FFN_DOWN, 7));
    }

    @Test
    void bothKernelsComputeTheSameProduct() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray w = m.randomUniform(-1, 1, new Shape(48, 32));
            NDArray b = m.randomUniform(-1, 1, new Shape(48));
            NDArray x = m.randomUniform(-1, 1, new Shape(32, 20));
            PointwiseLinear lin = new PointwiseLinear(ProductShape.ATTENTION, w, b);
            float[] mm = lin.apply(x, Kernel.MATMUL).toFloatArray();
            float[] conv = lin.apply(x, Kernel.CONV).toFloatArray();
            float[] reference = w.matMul(x).add(b.reshape(48, 1)).toFloatArray();
            for (int i = 0; i < reference.length; i++) {
                assertEquals(reference[i], mm[i], 1e-5);
                assertEquals(reference[i], conv[i], 1e-5);
            }
            // the columns layout round-trips and splits heads per window
            NDArray rows = m.randomUniform(-1, 1, new Shape(3, 5, 8));
            NDArray cols = Columns.fromRows(rows);
            assertEquals(new Shape(8, 15), cols.getShape());
            assertEquals(rows.toFloatArray().length, Columns.toRows(cols, 3, 5).toFloatArray().length);
            float[] back = Columns.toRows(cols, 3, 5).toFloatArray();
            float[] orig = rows.toFloatArray();
            for (int i = 0; i < orig.length; i++) {
                assertEquals(orig[i], back[i]);
            }
            NDArray heads = Columns.heads(cols, 3, 5, 2, 4);
            assertEquals(new Shape(3, 2, 4, 5), heads.getShape());
            float[] again = Columns.fromHeads(heads).toFloatArray();
            float[] c = cols.toFloatArray();
            for (int i = 0; i < c.length; i++) {
                assertEquals(c[i], again[i]);
            }
        }
    }

    @Test
    void theProbeMakesAPlanAndCachesItPerMachine() throws Exception {
        Path cacheDir = Files.createTempDirectory("clamp3-kernels");
        String before = System.getProperty("clamp3.cache.dir");
        System.setProperty("clamp3.cache.dir", cacheDir.toString());
        try {
            KernelProbe.Measurement m = KernelProbe.remeasure();
            assertTrue(Files.isRegularFile(KernelProbe.cacheFile()));
            KernelProbe.Measurement cached = KernelProbe.cached();
            assertNotNull(cached);
            assertEquals(m.plan().describe(), cached.plan().describe());
            assertTrue(m.sgemmGflops() > 0);
            assertTrue(m.describe().contains("GFLOP/s"));
            // a damaged file is measured again, not trusted
            Files.writeString(KernelProbe.cacheFile(), "{ not json");
            assertEquals(null, KernelProbe.cached());
        } finally {
            if (before == null) {
                System.clearProperty("clamp3.cache.dir");
            } else {
                System.setProperty("clamp3.cache.dir", before);
            }
        }
    }
}
