package org.clamp3.core.py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts and messages are what CPython 3.11 gives. */
class PyCodecsTest {

    private static String decode(String ascii) {
        return PyCodecs.unicodeEscapeDecode(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void encodeEscapesControlsAndEverythingBeyondAscii() {
        // 'a\x7f\x80\xff\u0100\U0001F3B5\\\'"\t\n\r\x00'.encode('unicode_escape')
        assertEquals("a\\x7f\\x80\\xff\\u0100\\U0001f3b5\\\\'\"\\t\\n\\r\\x00",
                PyCodecs.unicodeEscapeEncode("a\u007f\u0080\u00ff\u0100\uD83C\uDFB5\\'\"\t\n\r\u0000"));
    }

    /** data.decode('unicode_escape'): escapes resolved, other bytes read as latin-1, unknown escapes kept. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`F\\xfcr \\\\ \\t\\101\\u00e9\\N{DEGREE SIGN} \\q` | `F\u00fcr \\ \tA\u00e9\u00b0 \\q`",
        "\\777 | \u01ff",
        "\\8 | \\8",
        "`\\\n` | ``",
        "\\N{degree sign} | \u00b0",
        "\\U0001f3b5 | \uD83C\uDFB5",
        "\u00c3\u00bc | \u00c3\u00bc",
        "\\b\\f\\v\\a\\'\\\" | `\b\f\u000b\u0007'\"`",
    })
    void decodeResolvesEscapes(String data, String text) {
        assertEquals(text, decode(data));
    }

    /** The UnicodeDecodeError messages, positions in bytes. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\\ | byte 0x5c in position 0: \\ at end of string",
        "`ab\\x4 ` | bytes in position 2-4: truncated \\xXX escape",
        "\\x4 | bytes in position 0-2: truncated \\xXX escape",
        "\\u12 | bytes in position 0-3: truncated \\uXXXX escape",
        "\\U00110000 | bytes in position 0-9: illegal Unicode character",
        "\\N | bytes in position 0-1: malformed \\N character escape",
        "\\Nx | bytes in position 0-1: malformed \\N character escape",
        "\\N{ | bytes in position 0-2: malformed \\N character escape",
        "\\N{} | bytes in position 0-2: malformed \\N character escape",
        "\\N{NOPE}x | bytes in position 0-7: unknown Unicode character name",
        "\\N{ DEGREE SIGN} | bytes in position 0-15: unknown Unicode character name",
    })
    void decodeErrorsNameTheBytesAsPythonDoes(String data, String message) {
        assertEquals("'unicodeescape' codec can't decode " + message, assertThrows(PyError.class, () -> decode(data)).getMessage());
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
