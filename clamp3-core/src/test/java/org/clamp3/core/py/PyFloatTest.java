package org.clamp3.core.py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyFloatTest {

    /** Expected strings printed by CPython 3.11: repr(x) and repr(round(x, 4)). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.41384419798851013 | 0.41384419798851013 | 0.4138",
        "0.0610 | 0.061 | 0.061",
        "1e-05 | 1e-05 | 0.0",
        "0.0001 | 0.0001 | 0.0001",
        "123456789012345680.0 | 1.2345678901234568e+17 | 1.2345678901234568e+17",
        "1e16 | 1e+16 | 1e+16",
        "1e15 | 1000000000000000.0 | 1000000000000000.0",
        "-0.0367 | -0.0367 | -0.0367",
        "0.30000000000000004 | 0.30000000000000004 | 0.3",
        "4.9e-324 | 5e-324 | 0.0",
        "1.7976931348623157e308 | 1.7976931348623157e+308 | 1.7976931348623157e+308",
        "2.5 | 2.5 | 2.5",
        "100.0 | 100.0 | 100.0",
        "-0.0 | -0.0 | -0.0",
        "0.3333333333333333 | 0.3333333333333333 | 0.3333",
        "6.666666666666667e-05 | 6.666666666666667e-05 | 0.0001",
        "12345.678 | 12345.678 | 12345.678",
        "0.00005 | 5e-05 | 0.0001",
        "0.00015 | 0.00015 | 0.0001",
        "0.33965277777777775 | 0.33965277777777775 | 0.3397",
    })
    void matchesPython(double x, String repr, String rounded) {
        assertEquals(repr, PyFloat.repr(x));
        assertEquals(rounded, PyFloat.rounded(x, 4));
    }
}
