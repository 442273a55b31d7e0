"""Writes the .npy files NpyTest reads. Each holds np.arange(n).reshape(shape) * 0.5 - 3 in the
named dtype/byte order/memory order, so the test knows every value without a side file.
Run with numpy installed: python3 make_npy_fixtures.py"""
import numpy as np
from numpy.lib import format as fmt


def values(shape, dtype, order="C"):
    a = np.arange(int(np.prod(shape)), dtype=np.float64).reshape(shape) * 0.5 - 3
    if np.dtype(dtype).kind == "i":
        a = np.arange(int(np.prod(shape))).reshape(shape) * 7 - 11
    return np.asarray(a, dtype=dtype, order=order)


def save(name, a, version=None):
    with open(name, "wb") as f:
        fmt.write_array(f, a, version=version)


save("f32_le_c_1x768.npy", values((1, 768), "<f4"))
save("f32_be_c_2x3.npy", values((2, 3), ">f4"))
save("f64_le_c_768.npy", values((768,), "<f8"))
save("f64_be_c_1x4.npy", values((1, 4), ">f8"))
save("i32_le_c_3x2.npy", values((3, 2), "<i4"))
save("i64_be_c_5.npy", values((5,), ">i8"))
save("i64_le_c_2x2x3.npy", values((2, 2, 3), "<i8"))
save("f32_le_fortran_3x4.npy", values((3, 4), "<f4", order="F"))
save("f64_le_fortran_2x3x4.npy", values((2, 3, 4), "<f8", order="F"))
save("f32_v2_2x3.npy", values((2, 3), "<f4"), version=(2, 0))
save("f32_v3_2x3.npy", values((2, 3), "<f4"), version=(3, 0))
save("f32_temporal_1x5x8.npy", values((1, 5, 8), "<f4"))
save("u8_2.npy", np.array([1, 2], dtype=np.uint8))
save("str_2.npy", np.array(["ab", "cd"]))
