package org.clamp3.preprocess.abc;

import java.util.ArrayList;
import java.util.List;

/**
 * The barline tokens of abctoolkit 0.0.4 (the variant with 13 tokens) and the split of a voice
 * into text and barline pieces with them.
 */
final class Barlines {
    /** In the order the original's regex alternation tries them at each position. */
    static final List<String> TOKENS =
            List.of("||:", ":||", "[|:", ":|]", "|]:", ":[|", "|:", "::", ":|", "[|", "||", "|]", "|");

    private Barlines() {}

    static boolean isToken(String s) {
        return TOKENS.contains(s);
    }

    /** How many of the tokens occur in {@code s}. */
    static int countTokensIn(String s) {
        int n = 0;
        for (String t : TOKENS) {
            if (s.contains(t)) {
                n++;
            }
        }
        return n;
    }

    /**
     * {@code re.split} with the capturing token alternation: text, token, text, …, text (the
     * texts may be empty). At each position the first token in list order that matches wins.
     */
    static List<String> split(String s) {
        List<String> pieces = new ArrayList<>();
        int textStart = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            String token = c == '|' || c == ':' || c == '[' ? tokenAt(s, i) : null;
            if (token == null) {
                i++;
                continue;
            }
            pieces.add(s.substring(textStart, i));
            pieces.add(token);
            i += token.length();
            textStart = i;
        }
        pieces.add(s.substring(textStart));
        return pieces;
    }

    private static String tokenAt(String s, int i) {
        for (String t : TOKENS) {
            if (s.startsWith(t, i)) {
                return t;
            }
        }
        return null;
    }
}
