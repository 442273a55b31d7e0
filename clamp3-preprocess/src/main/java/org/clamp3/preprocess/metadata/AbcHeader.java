package org.clamp3.preprocess.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * The T: and C: fields of an ABC file's first tune header: the lines before the first {@code K:}
 * (file header included, whose fields every tune inherits), ending early at a second {@code X:}
 * or a blank line after the first (the tune ended without a K:). A {@code %} not written
 * {@code \%} starts a comment (a line starting with one, such as a {@code %%} directive, is
 * skipped); {@code +:} continues the field before it (joined with a space) and a line ending in
 * {@code \} goes on on the next line (ABC 2.0, as abcm2ps reads it). {@code \%} stands for
 * {@code %}; other text escapes are kept as written.
 */
final class AbcHeader {
    /** The T: field values in order. */
    final List<String> titles = new ArrayList<>();
    /** The C: field values in order. */
    final List<String> composers = new ArrayList<>();

    private AbcHeader() {}

    static AbcHeader parse(List<String> lines) {
        AbcHeader h = new AbcHeader();
        List<String> last = null; // the field a +: line continues
        boolean inTune = false;
        String pending = null; // a line ending in a backslash, waiting for the next one
        for (String raw : lines) {
            String line = pending == null ? raw : pending + raw;
            pending = null;
            if (line.isBlank()) {
                if (inTune) {
                    break;
                }
                continue;
            }
            String text = withoutComment(line).stripTrailing();
            if (text.endsWith("\\")) {
                pending = text.substring(0, text.length() - 1);
                continue;
            }
            if (text.isBlank()) { // a comment, a %% directive
                continue;
            }
            char field = text.length() >= 2 && text.charAt(1) == ':' ? text.charAt(0) : 0;
            String value = field == 0 ? null : text.substring(2).replace("\\%", "%");
            if (field == 'K' || (field == 'X' && inTune)) {
                break;
            }
            inTune |= field == 'X';
            if (field == '+' && last != null && !last.isEmpty()) {
                last.set(last.size() - 1, last.get(last.size() - 1).stripTrailing() + " " + value.strip());
                continue;
            }
            last = field == 'T' ? h.titles : field == 'C' ? h.composers : null;
            if (last != null) {
                last.add(value);
            }
        }
        return h;
    }

    /** The line up to its first {@code %} that is not {@code \%}. */
    private static String withoutComment(String line) {
        for (int i = line.indexOf('%'); i >= 0; i = line.indexOf('%', i + 1)) {
            if (i == 0 || line.charAt(i - 1) != '\\') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
