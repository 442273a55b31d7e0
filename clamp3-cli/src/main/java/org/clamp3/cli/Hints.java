package org.clamp3.cli;

import org.clamp3.core.io.InvalidInputException;

/**
 * How clamp3 reports an unusable input: the library's one-line message and, where the library
 * names a remedy ({@link InvalidInputException.Hint}), how to apply it with this tool. The library
 * never names options or scripts; this is the one place that does.
 */
final class Hints {
    private Hints() {}

    /** The line to print (after "error: ") and to put in the error report. */
    static String message(InvalidInputException e) {
        return e.hint().map(h -> e.getMessage() + "; hint: " + remedy(h)).orElse(e.getMessage());
    }

    static String remedy(InvalidInputException.Hint hint) {
        return switch (hint) {
            case GLOBAL_FEATURES_NEEDED -> "extract with --global";
            case WEIGHTS_NOT_INSTALLED -> "scripts/fetch-models.sh installs the published weights";
            case MERT_MODEL_NEEDED -> "give a MERT model with --mert DIR";
        };
    }
}
