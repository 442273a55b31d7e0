package org.clamp3.core.py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Expected texts and messages are what CPython 3.11 gives. */
class PyCodecsTest {

    private static String decode(String ascii) {
        return PyCodecs.unicodeEscapeDecode(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String decodeError(String ascii) {
        return assertThrows(PyError.class, () -> decode(ascii)).getMessage();
    }

    @Test
    void encodeEscapesControlsAndEverythingBeyondAscii() {
        // 'a\x7f\x80\xff\u0100\U0001F3B5\\\'"\t\n\r\x00'.encode('unicode_escape')
        assertEquals("a\\x7f\\x80\\xff\\u0100\\U0001f3b5\\\\'\"\\t\\n\\r\\x00",
                PyCodecs.unicodeEscapeEncode("a\u007f\u0080\u00ff\u0100\uD83C\uDFB5\\'\"\t\n\r\u0000"));
    }

    @Test
    void decodeResolvesEscapesAndReadsOtherBytesAsLatin1() {
        assertEquals("F\u00fcr \\ \tA\u00e9\u00b0 \\q", decode("F\\xfcr \\\\ \\t\\101\\u00e9\\N{DEGREE SIGN} \\q"));
        assertEquals("\u01ff", decode("\\777"));
        assertEquals("\\8", decode("\\8"));
        assertEquals("", decode("\\\n"));
        assertEquals("\u00b0", decode("\\N{degree sign}"));
        assertEquals("\uD83C\uDFB5", decode("\\U0001f3b5"));
        assertEquals("\u00c3\u00bc", PyCodecs.unicodeEscapeDecode("ü".getBytes(StandardCharsets.UTF_8)));
        assertEquals("\b\f\u000b\u0007'\"", decode("\\b\\f\\v\\a\\'\\\""));
    }

    @Test
    void decodeErrorsNameTheBytesAsPythonDoes() {
        assertEquals("'unicodeescape' codec can't decode byte 0x5c in position 0: \\ at end of string", decodeError("\\"));
        assertEquals("'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape", decodeError("ab\\x4 "));
        assertEquals("'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", decodeError("\\x4"));
        assertEquals("'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape", decodeError("\\u12"));
        assertEquals("'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character", decodeError("\\U00110000"));
        assertEquals("'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape", decodeError("\\N"));
        assertEquals("'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape", decodeError("\\Nx"));
        assertEquals("'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape", decodeError("\\N{"));
        assertEquals("'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape", decodeError("\\N{}"));
        assertEquals("'unicodeescape' codec can't decode bytes in position 0-7: unknown Unicode character name", decodeError("\\N{NOPE}x"));
        assertEquals("'unicodeescape' codec can't decode bytes in position 0-15: unknown Unicode character name",
                decodeError("\\N{ DEGREE SIGN}"));
    }

    @Test
    void latin1EncodesUpToU00ffAndNamesTheFirstRunBeyond() {
        assertArrayEquals(new byte[] {'a', (byte) 0xff}, PyCodecs.latin1Encode("a\u00ff"));
        assertEquals("'latin-1' codec can't encode character '\\u0100' in position 1: ordinal not in range(256)",
                assertThrows(PyError.class, () -> PyCodecs.latin1Encode("a\u0100b")).getMessage());
        assertEquals("'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)",
                assertThrows(PyError.class, () -> PyCodecs.latin1Encode("a\u0100\u0101b\u0102")).getMessage());
        assertEquals("'latin-1' codec can't encode character '\\U0001f3b5' in position 0: ordinal not in range(256)",
                assertThrows(PyError.class, () -> PyCodecs.latin1Encode("\uD83C\uDFB5")).getMessage());
    }
}
