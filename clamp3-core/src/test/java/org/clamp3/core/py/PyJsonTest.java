package org.clamp3.core.py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PyJsonTest {

    @Test
    void matchesPythonJsonDumps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query", "q/zh/曲子 \"1\".npy");
        m.put("rank", 3);
        m.put("similarity", (double) 0.41384420f);
        m.put("list", List.of("a\tb", true, false));
        m.put("none", null);
        m.put("emoji", "\uD83C\uDFB5\u007f");
        // json.dumps({...}) in CPython 3.11
        assertEquals("{\"query\": \"q/zh/\\u66f2\\u5b50 \\\"1\\\".npy\", \"rank\": 3, "
                + "\"similarity\": 0.41384419798851013, \"list\": [\"a\\tb\", true, false], \"none\": null, "
                + "\"emoji\": \"\\ud83c\\udfb5\\u007f\"}", PyJson.dumps(m));
    }

    @Test
    void floatsControlsAndBigIntegers() {
        List<Object> values = new ArrayList<>(List.of(1.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1e16, "\u00e9\u0000\u001f\"\\/"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", values);
        m.put("b", null);
        m.put("c", new BigInteger("100000000000000000000"));
        // json.dumps({'a': [1.0, nan, inf, -inf, 1e16, '\xe9\x00\x1f"\\/'], 'b': None, 'c': 10**20})
        assertEquals("{\"a\": [1.0, NaN, Infinity, -Infinity, 1e+16, \"\\u00e9\\u0000\\u001f\\\"\\\\/\"], "
                + "\"b\": null, \"c\": 100000000000000000000}", PyJson.dumps(m));
    }
}
