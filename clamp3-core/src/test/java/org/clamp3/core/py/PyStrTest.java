package org.clamp3.core.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Expected values are what CPython 3.11 gives. */
class PyStrTest {

    @Test
    void isSpaceIsPythonsSetExactly() {
        // [c for c in range(0x110000) if chr(c).isspace()]
        int[] python = {0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
            0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000};
        assertEquals(List.of(IntStream.of(python).boxed().toArray()),
                List.of(IntStream.rangeClosed(0, Character.MAX_CODE_POINT).filter(PyStr::isSpace).boxed().toArray()));
    }

    @Test
    void stripRemovesUnicodeWhitespaceOrTheGivenCharacters() {
        assertEquals("x", PyStr.strip(" \u001c\u3000x\u0085"));
        assertEquals("a b", PyStr.strip("\u00a0\u2007a b\u202f\n"));
        assertEquals("", PyStr.strip(" \t "));
        assertEquals("x\u200b", PyStr.strip("x\u200b")); // a zero-width space is not whitespace
        assertEquals("x:y", PyStr.strip("::x:y::", ":"));
        assertEquals(" x ", PyStr.strip(": x :", ":"));
        assertEquals("a", PyStr.strip("\uD83C\uDFB5a\uD83C\uDFB5", "\uD83C\uDFB5"));
    }

    @Test
    void characterClasses() {
        assertTrue(PyStr.isNumeric('\u00bd'));
        assertTrue(PyStr.isNumeric('\u4e09')); // a Han numeral: numeric and alphabetic
        assertTrue(PyStr.isAlpha('\u4e09'));
        assertTrue(PyStr.isNumeric('\u2167'));
        assertFalse(PyStr.isDecimal('\u00b2'));
        assertTrue(PyStr.isDecimal('\u0663'));
        assertFalse(PyStr.isAlnum('_'));
        assertTrue(PyStr.isAlnum('\u00b2'));
        assertTrue(PyStr.isNumeric(0x20001)); // a supplementary-plane Han numeral
    }

    @Test
    void lengthCountsCodePoints() {
        assertEquals(2, PyStr.len("\uD83C\uDFB5a"));
        assertEquals(0, PyStr.len(new StringBuilder()));
    }

    @Test
    void splitOnASeparatorKeepsEmptyPieces() {
        assertEquals(List.of("a", "", "b"), PyStr.split("a,,b", ","));
        assertEquals(List.of(""), PyStr.split("", " "));
        assertEquals(List.of("", "", ""), PyStr.split("  ", " "));
        assertEquals(List.of("a", "b", "c"), PyStr.split("a, b, c", ", "));
        assertEquals("empty separator", assertThrows(PyError.class, () -> PyStr.split("a", "")).getMessage());
    }

    @Test
    void splitLinesKnowsEveryLineBoundary() {
        assertEquals(List.of(), PyStr.splitLines(""));
        assertEquals(List.of("a"), PyStr.splitLines("a\n"));
        assertEquals(List.of("", ""), PyStr.splitLines("\n\n"));
        assertEquals(List.of("a", "b", "c", "", "d"), PyStr.splitLines("a\u2028b\u001dc\r\n\rd"));
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), PyStr.splitLines("a\r\nb\rc\u000bd\u001ce\u0085f"));
    }

    @Test
    void strOfNone() {
        assertEquals("None", PyStr.str(null));
        assertEquals("x", PyStr.str("x"));
    }

    @Test
    void reprQuotesAndEscapesAsPythonPrints() {
        assertEquals("' \\\\%\\\\%'", PyStr.repr(" \\%\\%"));
        assertEquals("\"a'b\"", PyStr.repr("a'b"));
        assertEquals("'a\"b\\'c'", PyStr.repr("a\"b'c"));
        assertEquals("'\\x85\\xa0\\u2028é\\ue000'", PyStr.repr("\u0085\u00a0\u2028é\ue000"));
        assertEquals("'\\x00\\x7f\uD83C\uDFB5\\U000e0001\\u200b'", PyStr.repr("\u0000\u007f\uD83C\uDFB5\uDB40\uDC01\u200b"));
        assertEquals("'\\t\\n\\r'", PyStr.repr("\t\n\r"));
    }
}
