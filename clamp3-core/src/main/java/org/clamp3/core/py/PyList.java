package org.clamp3.core.py;

import java.util.List;

/**
 * Python's lists: indexing where negative indices count from the end, slices that clamp instead of
 * failing, and {@code repr} of a list.
 */
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

    /**
     * {@code repr(list)} (also its {@code str}) for a list of strings, numbers, booleans, None (null)
     * and such lists.
     */
    public static String repr(List<?> items) {
        StringBuilder b = new StringBuilder().append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(reprOf(items.get(i)));
        }
        return b.append(']').toString();
    }

    private static String reprOf(Object x) {
        if (x == null) {
            return "None";
        } else if (x instanceof String s) {
            return PyStr.repr(s);
        } else if (x instanceof Boolean t) {
            return t ? "True" : "False";
        } else if (x instanceof Double || x instanceof Float) {
            return PyFloat.repr(((Number) x).doubleValue());
        } else if (x instanceof List<?> l) {
            return repr(l);
        } else if (x instanceof Number) {
            return x.toString();
        }
        throw new IllegalArgumentException("no Python repr for " + x.getClass().getName());
    }
}
