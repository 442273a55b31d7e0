package org.clamp3.core.py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyOsPathTest {

    /** posixpath.splitext in CPython 3.11. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a/b.musicxml | a/b | .musicxml",
        "a.b/c | a.b/c | ''",
        "x.tar.gz | x.tar | .gz",
        ".hidden | .hidden | ''",
        "..x | ..x | ''",
        "a/.b.c | a/.b | .c",
        "dir/ | dir/ | ''",
        "noext | noext | ''",
        "a/.. | a/.. | ''",
        ". | . | ''",
        "'' | '' | ''",
    })
    void splitext(String path, String root, String ext) {
        assertArrayEquals(new String[] {root, ext}, PyOsPath.splitext(path));
    }
}
