package org.clamp3.train.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The original's remove_instrument_info, applied to 90 % of training scores so the model does
 * not lean on instrument names: in ABC, {@code V:} lines lose everything from {@code " nm="}
 * (else from {@code " snm="}); in MTF, {@code program_change} lines get their last field
 * replaced by 0. Changed lines always end with a newline.
 */
public final class InstrumentInfo {
    private InstrumentInfo() {}

    public static String remove(String text) {
        List<String> lines = linesKeepingNewline(text);
        if (lines.isEmpty()) {
            return text;
        }
        boolean mtf = lines.get(0).split(" ", -1)[0].equals("ticks_per_beat");
        StringBuilder out = new StringBuilder(text.length());
        for (String line : lines) {
            if (!mtf && line.startsWith("V:")) {
                int nm = line.indexOf(" nm=");
                int snm = line.indexOf(" snm=");
                if (nm >= 0) {
                    line = line.substring(0, nm) + "\n";
                } else if (snm >= 0) {
                    line = line.substring(0, snm) + "\n";
                }
            } else if (mtf && line.startsWith("program_change")) {
                String[] fields = line.split(" ", -1);
                line = String.join(" ", java.util.Arrays.copyOf(fields, fields.length - 1)) + " 0\n";
            }
            out.append(line);
        }
        return out.toString();
    }

    /** Python's {@code re.findall(r'.*?\n|.*$', s)} without the empty matches. */
    static List<String> linesKeepingNewline(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                lines.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }
}
