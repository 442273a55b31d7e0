/**
 * Benchmarks that print throughput, run by {@code scripts/bench.sh} (eval, extract, preprocess,
 * mert), and the random full-size model and corpus writers they need. This module is a leaf: it
 * may use any other module, nothing may use it, and none of it ships in {@code clamp3.jar}.
 * Speed is measured here, never asserted by a unit test.
 */
package org.clamp3.bench;
