package org.clamp3.core.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class PyListTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    @Test
    void negativeIndicesCountFromTheEnd() {
        assertEquals("a", PyList.get(ABC, 0));
        assertEquals("c", PyList.get(ABC, -1));
        assertEquals("a", PyList.get(ABC, -3));
        assertEquals("list index out of range", assertThrows(PyError.class, () -> PyList.get(ABC, 3)).getMessage());
        assertEquals("list index out of range", assertThrows(PyError.class, () -> PyList.get(ABC, -4)).getMessage());
        assertThrows(PyError.class, () -> PyList.get(List.of(), 0));
    }

    @Test
    void slicesClampAsPythonDoes() {
        assertEquals(List.of("b", "c"), PyList.slice(ABC, 1, 10));
        assertEquals(List.of(), PyList.slice(ABC, 2, 1));
        assertEquals(List.of("a", "b"), PyList.slice(ABC, -10, -1));
        assertEquals(List.of("b"), PyList.slice(ABC, -2, 2));
        assertEquals(List.of(), PyList.slice(ABC, 5, 9));
    }

    @Test
    void reprAsPythonPrintsAList() {
        // repr(['B', "it's", 1, 2.5, True, None, [], [0.1]]) in CPython 3.11
        assertEquals("['B', \"it's\", 1, 2.5, True, None, [], [0.1]]",
                PyList.repr(Arrays.asList("B", "it's", 1, 2.5, true, null, List.of(), List.of(0.1))));
        assertEquals("[]", PyList.repr(List.of()));
    }
}
