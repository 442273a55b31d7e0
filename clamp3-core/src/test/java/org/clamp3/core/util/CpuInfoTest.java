package org.clamp3.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class CpuInfoTest {
    @Test
    void cpuListsParseAsLinuxWritesThem() {
        assertEquals(Set.of(0, 1, 2, 3, 8, 10, 11), CpuInfo.parseCpuList("0-3,8,10-11"));
        assertEquals(Set.of(5), CpuInfo.parseCpuList("5"));
        assertEquals(Set.of(), CpuInfo.parseCpuList("x-y"));
    }

    @Test
    void physicalCoresAreWithinWhatTheProcessMayUse() {
        int cores = CpuInfo.physicalCores();
        assertTrue(cores >= 1 && cores <= Runtime.getRuntime().availableProcessors(), "physical cores " + cores);
        assertTrue(!CpuInfo.model().isBlank());
    }
}
