package org.clamp3.core.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** Expected values and messages are what CPython 3.11 gives. */
class PyIntTest {

    private static String error(String s) {
        return assertThrows(PyError.class, () -> PyInt.parse(s)).getMessage();
    }

    @Test
    void signsWhitespaceAndUnderscores() {
        assertEquals(BigInteger.valueOf(42), PyInt.parse("42"));
        assertEquals(BigInteger.valueOf(-7), PyInt.parse(" -7 "));
        assertEquals(BigInteger.valueOf(1000), PyInt.parse("+1_000"));
        assertEquals(BigInteger.valueOf(7), PyInt.parse("007"));
        assertEquals(BigInteger.ZERO, PyInt.parse("-0"));
        assertEquals(new BigInteger("999999999999999999999999999999"), PyInt.parse("999999999999999999999999999999"));
        assertEquals("invalid literal for int() with base 10: '1__0'", error("1__0"));
        assertEquals("invalid literal for int() with base 10: '_1'", error("_1"));
        assertEquals("invalid literal for int() with base 10: '1_'", error("1_"));
        assertEquals("invalid literal for int() with base 10: '+ 1'", error("+ 1"));
        assertEquals("invalid literal for int() with base 10: '-'", error("-"));
        assertEquals("invalid literal for int() with base 10: ''", error(""));
        assertEquals("invalid literal for int() with base 10: ' '", error(" "));
        assertEquals("invalid literal for int() with base 10: '1e3'", error("1e3"));
        assertEquals("invalid literal for int() with base 10: '0x10'", error("0x10"));
    }

    @Test
    void unicodeDigitsAndWhitespace() {
        assertEquals(BigInteger.valueOf(34), PyInt.parse("\u0663\u0664"));
        assertEquals(BigInteger.valueOf(12), PyInt.parse("\uff11\uff12"));
        assertEquals(BigInteger.valueOf(12), PyInt.parse("\u00a0 12\u3000"));
        assertEquals(BigInteger.valueOf(5), PyInt.parse("\u000b5\u000c"));
        assertEquals(BigInteger.valueOf(5), PyInt.parse("\u00855\u2029"));
        // str.isspace() is true for U+001C, yet int() does not strip it
        assertTrue(PyStr.isSpace(0x1c));
        assertEquals("invalid literal for int() with base 10: '\\x1c5'", error("\u001c5"));
        assertEquals("invalid literal for int() with base 10: '12\\u200b'", error("12\u200b"));
        // numeric, but not a decimal digit
        assertEquals("invalid literal for int() with base 10: '\u00b2'", error("\u00b2"));
    }

    @Test
    void digitLimitAndLongMessages() {
        assertEquals("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; "
                + "use sys.set_int_max_str_digits() to increase the limit", error("9".repeat(4301)));
        assertEquals(4300, PyInt.parse("9".repeat(4300)).toString().length());
        // the limit is checked before what follows the digits
        assertTrue(error("1".repeat(5000) + "x").startsWith("Exceeds the limit"));
        // the message shows at most 200 characters of the repr
        String shown = error("x".repeat(300)).substring("invalid literal for int() with base 10: ".length());
        assertEquals("'" + "x".repeat(199), shown);
        assertEquals("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
                assertThrows(PyError.class, () -> PyInt.parse(null)).getMessage());
    }

    @Test
    void parseLongKeepsTheRulesAndRefusesWhatDoesNotFit() {
        assertEquals(-480L, PyInt.parseLong("-480"));
        assertEquals(64L, PyInt.parseLong("+64"));
        assertEquals(60L, PyInt.parseLong("6_0"));
        assertEquals(3L, PyInt.parseLong(" \u0663 "));
        assertEquals(Long.MAX_VALUE, PyInt.parseLong("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, PyInt.parseLong("-9223372036854775808"));
        assertEquals("integer too large: '9223372036854775808'",
                assertThrows(PyError.class, () -> PyInt.parseLong("9223372036854775808")).getMessage());
        assertEquals("invalid literal for int() with base 10: '480.0'",
                assertThrows(PyError.class, () -> PyInt.parseLong("480.0")).getMessage());
    }

    @Test
    void floorDivisionAndModuloTakeTheSignOfTheDivisor() {
        assertEquals(-4, PyInt.floorDiv(-7, 2));
        assertEquals(-4, PyInt.floorDiv(7, -2));
        assertEquals(1, PyInt.floorMod(-7, 2));
        assertEquals(-1, PyInt.floorMod(7, -2));
        assertEquals("integer division or modulo by zero", assertThrows(PyError.class, () -> PyInt.floorDiv(1, 0)).getMessage());
        assertEquals("integer modulo by zero", assertThrows(PyError.class, () -> PyInt.floorMod(1, 0)).getMessage());
        assertThrows(PyError.class, () -> PyInt.floorDiv(Long.MIN_VALUE, -1));
    }

    @Test
    void sumsAndProductsBeyond64BitsAreRefused() {
        assertEquals(5, PyInt.add(2, 3));
        assertEquals(-6, PyInt.mul(2, -3));
        assertThrows(PyError.class, () -> PyInt.add(Long.MAX_VALUE, 1));
        assertThrows(PyError.class, () -> PyInt.mul(Long.MAX_VALUE / 2, 3));
    }
}
