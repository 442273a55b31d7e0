package org.clamp3.core.model.kernel;

/** How inference runs one linear product {@code W x + b} over a block of token columns. */
public enum Kernel {
    /** libtorch's matrix product (sgemm: MKL or OpenBLAS, whichever libtorch was built with). */
    MATMUL,
    /** A 1×1 convolution, which libtorch runs through oneDNN. */
    CONV
}
