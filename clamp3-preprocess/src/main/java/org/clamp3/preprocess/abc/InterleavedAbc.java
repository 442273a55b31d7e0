package org.clamp3.preprocess.abc;

import java.util.List;

/**
 * The result of interleaving one tune.
 *
 * @param text     the interleaved ABC, lines ending in {@code \n}
 * @param warnings what the original printed on the way (bar durations that differ, unequal barlines)
 */
public record InterleavedAbc(String text, List<PipelineMessage> warnings) {
    public InterleavedAbc {
        warnings = List.copyOf(warnings);
    }
}
