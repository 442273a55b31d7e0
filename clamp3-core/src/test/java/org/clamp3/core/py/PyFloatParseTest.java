package org.clamp3.core.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** float(text) and '%.Nf'; expected values are what CPython 3.11 gives. */
class PyFloatParseTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.5 | 1.5",
        "' -2.5e3 ' | -2500.0",
        "1_0.5 | 10.5",
        "1.e5 | 100000.0",
        ".5 | 0.5",
        "5. | 5.0",
        "1e5_0 | 1e+50",
        "iNf | inf",
        "-Infinity | -inf",
        "+nan | nan",
        "-0 | -0.0",
        "1e400 | inf",
        "-1e-400 | -0.0",
        "4.9e-324 | 5e-324",
        "0.1 | 0.1",
        "123456789012345678901234567890 | 1.2345678901234568e+29",
        "480 | 480.0",
    })
    void readsWhatPythonReads(String text, String repr) {
        assertEquals(repr, PyFloat.repr(PyFloat.parse(text)));
    }

    @Test
    void unicodeDigitsAndWhitespace() {
        assertEquals(3.5, PyFloat.parse("\u0663.\u0665"));
        assertEquals(1.25, PyFloat.parse("\u00a01.25\u2003"));
        assertEquals("could not convert string to float: '\\x1c1'",
                assertThrows(PyError.class, () -> PyFloat.parse("\u001c1")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1._5", ".", "e5", "1e", "1e+", "in f", "1_e5", "0x1p3", "1,5", "1d", "infinit", "  ", "", "_1", "1__0"})
    void refusesWhatPythonRefuses(String text) {
        assertEquals("could not convert string to float: " + PyStr.repr(text),
                assertThrows(PyError.class, () -> PyFloat.parse(text)).getMessage());
    }

    @Test
    void noneIsATypeError() {
        assertEquals("float() argument must be a string or a real number, not 'NoneType'",
                assertThrows(PyError.class, () -> PyFloat.parse(null)).getMessage());
    }

    /** '%.0f' % x and friends in CPython 3.11. */
    @Test
    void fixedFormattingRoundsTheExactValueHalfToEven() {
        assertEquals("2", PyFloat.formatFixed(2.5, 0));
        assertEquals("4", PyFloat.formatFixed(3.5, 0));
        assertEquals("-0", PyFloat.formatFixed(-0.4, 0));
        assertEquals("-0", PyFloat.formatFixed(-0.0, 0));
        assertEquals("-0.0", PyFloat.formatFixed(-0.04, 1));
        assertEquals("1.00", PyFloat.formatFixed(1.005, 2)); // 1.005 is a little below 1.005
        assertEquals("100000000000000000000", PyFloat.formatFixed(1e20, 0));
        assertEquals("120", PyFloat.formatFixed(120.0, 0));
        assertEquals("nan", PyFloat.formatFixed(Double.NaN, 3));
        assertEquals("-inf", PyFloat.formatFixed(Double.NEGATIVE_INFINITY, 0));
    }
}
