package org.clamp3.core.input;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Prepares a {@code .txt} file's text for the text encoder as the original extraction does:
 * split on {@code "\n"}, drop duplicate and empty lines, and join what is left with the
 * tokenizer's separator token ({@code "</s>"} for XLM-R), which the tokenizer turns into the
 * separator id.
 *
 * <p>Difference from the original: it removes duplicates through a Python {@code set}, so the
 * order of the lines depends on Python's string hash seed and changes from run to run. Here
 * the lines keep their order in the file and a duplicate is dropped after its first
 * occurrence, so results are reproducible. Files with one distinct line give the same result
 * as the original under every seed.
 *
 * <p>Only {@code "\n"} separates lines, as in the original; read files with
 * {@link org.clamp3.core.io.TextFiles#read} so that {@code "\r\n"} has become {@code "\n"} first, as Python's
 * universal newlines do.
 */
public final class TextInput {

    private TextInput() {}

    /** Returns the distinct non-empty lines of {@code fileText} joined with {@code sepToken}. */
    public static String join(String fileText, String sepToken) {
        Set<String> lines = new LinkedHashSet<>();
        int start = 0;
        while (start <= fileText.length()) {
            int newline = fileText.indexOf('\n', start);
            int end = newline < 0 ? fileText.length() : newline;
            if (end > start) {
                lines.add(fileText.substring(start, end));
            }
            start = end + 1;
        }
        return String.join(sepToken, lines);
    }
}
