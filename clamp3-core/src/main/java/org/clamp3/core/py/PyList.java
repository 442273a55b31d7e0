package org.clamp3.core.py;

import java.util.List;

/** Python's list indexing: negative indices count from the end, slices clamp instead of failing. */
public final class PyList {
    private PyList() {}

    /** {@code list[i]}, with Python's IndexError. */
    public static <T> T get(List<T> list, int i) {
        int j = i < 0 ? i + list.size() : i;
        if (j < 0 || j >= list.size()) {
            throw PyError.listIndex();
        }
        return list.get(j);
    }

    /** {@code list[from:to]}: a view, as Python's slice indices are adjusted (negative ones from the end, then clamped). */
    public static <T> List<T> slice(List<T> list, int from, int to) {
        int a = sliceIndex(from, list.size());
        int b = sliceIndex(to, list.size());
        return a >= b ? List.of() : list.subList(a, b);
    }

    private static int sliceIndex(int i, int size) {
        int j = i < 0 ? i + size : i;
        return Math.min(Math.max(j, 0), size);
    }
}
