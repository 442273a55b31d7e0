package org.clamp3.core.io;

import java.nio.file.Path;

/**
 * One input file of a batch and where its result goes.
 *
 * @param relative the input's path below the input root, '/'-separated (its own name when the input is one file)
 */
public record FileTask(Path input, String relative, Path output) {}
