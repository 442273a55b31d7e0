/**
 * Standard ABC to CLaMP 3's interleaved ABC as the original {@code batch_interleaved_abc.py} with
 * abctoolkit makes it; {@link org.clamp3.preprocess.abc.AbcInterleaver} is the entry point.
 * Python built-ins and exceptions come from {@code org.clamp3.core.py}.
 *
 * <p>Imports core only; nothing from train, cli or picocli.
 */
package org.clamp3.preprocess.abc;
