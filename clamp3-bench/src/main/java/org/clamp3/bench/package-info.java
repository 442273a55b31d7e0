/**
 * Benchmarks that print throughput, run by {@code scripts/bench.sh} (eval, extract, preprocess,
 * mert, index, serve), and the random full-size model and corpus writers they need. This module is a leaf: it
 * may use any other module, nothing may use it, and none of it ships in {@code clamp3.jar}.
 * Speed is measured here, never asserted by a unit test; each benchmark first prints the machine
 * and the plain sgemm GFLOP/s measured in the same run ({@link org.clamp3.bench.Machine}).
 */
package org.clamp3.bench;
