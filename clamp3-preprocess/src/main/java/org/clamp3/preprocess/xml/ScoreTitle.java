package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.py.PyStr;

/**
 * The title block of the ABC header as xml2abc makes it: work and movement titles as T:, credits as
 * T: only when there is no title (xml2abc's credit filter level 0), composers as C:, lyricists,
 * transcribers and rights as Z:.
 */
final class ScoreTitle {
    private ScoreTitle() {}

    /** The T:, C: and Z: lines (without the final newline), or null when the score has none of them. */
    static String fields(XmlElement root) {
        String title = PyStr.strip(root.findText("work/work-title", ""));
        String movement = PyStr.strip(root.findText("movement-title", ""));
        List<String> composer = new ArrayList<>();
        List<String> lyricist = new ArrayList<>();
        List<String> credits = new ArrayList<>();
        for (XmlElement creator : root.findAll("identification/creator")) {
            String text = creator.text();
            if (text != null && !text.isEmpty()) {
                String type = creator.get("type");
                if ("composer".equals(type)) {
                    addLines(composer, text);
                } else if ("lyricist".equals(type) || "transcriber".equals(type)) {
                    addLines(lyricist, text);
                }
            }
        }
        for (XmlElement rights : root.findAll("identification/rights")) {
            if (rights.text() != null && !rights.text().isEmpty()) {
                addLines(lyricist, rights.text());
            }
        }
        for (XmlElement credit : root.findAll("credit")) {
            StringBuilder cs = new StringBuilder();
            for (XmlElement w : credit.findAll("credit-words")) {
                cs.append(w.text() == null ? "" : w.text());
            }
            credits.add(collapseLineBreaks(cs.toString()));
        }
        credits = filterCredits(credits, title, movement, composer, lyricist);
        StringBuilder t = new StringBuilder();
        if (!title.isEmpty()) {
            t.append("T:").append(title.replace("\n", "\nT:")).append('\n');
        }
        if (!movement.isEmpty()) {
            t.append("T:").append(movement.replace("\n", "\nT:")).append('\n');
        }
        appendField(t, "T:", credits);
        appendField(t, "C:", composer);
        appendField(t, "Z:", lyricist);
        return t.length() > 0 ? t.substring(0, t.length() - 1) : null;
    }

    private static void appendField(StringBuilder t, String field, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<String> fs = new ArrayList<>();
        for (String l : lines) {
            fs.add(field + l);
        }
        t.append(String.join("\n", fs)).append('\n');
    }

    private static void addLines(List<String> to, String text) {
        for (String line : text.split("\n", -1)) {
            to.add(PyStr.strip(line));
        }
    }

    /** Python's re.sub(r'\s*[\r\n]\s*', ' ', s). */
    private static String collapseLineBreaks(String s) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            // find the longest match starting at i: spaces, one line break, spaces
            int j = i;
            while (j < n && PyStr.isSpace(s.charAt(j))) {
                j++;
            }
            // backtrack to the last \r or \n inside the run of spaces starting at i
            int lastBreak = -1;
            for (int k = i; k < j; k++) {
                if (s.charAt(k) == '\r' || s.charAt(k) == '\n') {
                    lastBreak = k;
                }
            }
            if (lastBreak >= 0) {
                sb.append(' ');
                i = j;
            } else if (j > i) {
                sb.append(s, i, j); // no line break anywhere in this run of spaces
                i = j;
            } else {
                sb.append(s.charAt(i));
                i++;
            }
        }
        return sb.toString();
    }

    /** xml2abc's credit filter at level 0: credits only when there is no title, and not repeating other fields. */
    private static List<String> filterCredits(List<String> credits, String title, String movement, List<String> composer,
            List<String> lyricist) {
        if (!(title + movement).isEmpty()) {
            return List.of();
        }
        List<String> cs = new ArrayList<>();
        for (String x : credits) {
            if (title.contains(x) || movement.contains(x)) {
                continue;
            }
            if (composer.contains(x) || lyricist.contains(x)) {
                continue;
            }
            if ((!title.isEmpty() && x.contains(title)) || (!movement.isEmpty() && x.contains(movement))) {
                continue;
            }
            if (composer.stream().anyMatch(x::contains) || lyricist.stream().anyMatch(x::contains)) {
                continue;
            }
            if (onlyDigitsAndPunctuation(x)) {
                continue;
            }
            cs.add(x);
        }
        return cs;
    }

    /** Python's re.match(r'^[\d\W]*$', x) on str. */
    private static boolean onlyDigitsAndPunctuation(String x) {
        return x.codePoints().allMatch(c -> PyStr.isDecimal(c) || !isWordChar(c));
    }

    private static boolean isWordChar(int c) {
        return c == '_' || PyStr.isAlnum(c);
    }
}
