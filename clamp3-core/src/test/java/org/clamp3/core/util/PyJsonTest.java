package org.clamp3.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
