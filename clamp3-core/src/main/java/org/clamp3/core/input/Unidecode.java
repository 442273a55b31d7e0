package org.clamp3.core.input;

import java.text.Normalizer;
import java.util.Map;
import net.gcardone.junidecode.Junidecode;

/**
 * Transliterates text to ASCII the way Python's {@code unidecode} 1.3.6 does (the version
 * CLaMP 3 pins), so that symbolic music files become the same patches as in the original.
 *
 * <p>Built on junidecode (a port of Perl's Text::Unidecode, from which Python's tables also
 * descend) with these rules on top:
 * <ul>
 *   <li>characters junidecode does not know become "" (Python's default {@code errors='ignore'});
 *   <li>a short override list, checked by hand against Debian's python3-unidecode 1.3.6, for
 *       code points where the two libraries disagree and that can plausibly occur in music text:
 *       Latin-1 fractions, Ŋ/ŋ, a few Cyrillic letters, Hebrew, Japanese kana (Hepburn shi/chi/tsu),
 *       the sharp sign ♯, ™ ℗ №, some currency signs, mathematical operators and punctuation;
 *   <li>circled/parenthesised numbers and letters (U+2460–U+24FF), subscript letters and the
 *       mathematical bold/italic/… Latin letters and digits are transliterated through their
 *       NFKC form, which is what Python's tables amount to for them;
 *   <li>every other character outside the Basic Multilingual Plane (emoji, flags, …) and every
 *       lone surrogate becomes "".
 * </ul>
 * The result always consists of ASCII characters only.
 *
 * <p>Known, measured divergence (every code point compared with python3-unidecode 1.3.6): about
 * 550 of the 1.1 million code points still transliterate differently, in blocks that hardly
 * occur in music metadata: phonetic extensions (U+1Dxx), some letterlike symbols (℃),
 * dingbats, CJK radicals and enclosed CJK, Hebrew and Arabic presentation forms, mathematical
 * Greek letters and the enclosed alphanumeric supplement (U+1F1xx). Python's tables are GPL
 * and are deliberately not copied here.
 */
public final class Unidecode {

    /** Hand-checked results of python3-unidecode 1.3.6 where junidecode answers differently. */
    private static final Map<Integer, String> OVERRIDES = Map.ofEntries(
            // Latin-1 vulgar fractions: Python puts a space in front ("1¼" -> "1 1/4").
            Map.entry(0x00BC, " 1/4"), Map.entry(0x00BD, " 1/2"), Map.entry(0x00BE, " 3/4"),
            // Eng: Python's table has the two cases swapped; kept for identical patches.
            Map.entry(0x014A, "ng"), Map.entry(0x014B, "NG"),
            // Cyrillic: Ukrainian Ie and the hard sign.
            Map.entry(0x0404, "Ie"), Map.entry(0x042A, "'"), Map.entry(0x044A, "'"),
            // Hebrew: letters, points and punctuation.
            Map.entry(0x05B0, ""), Map.entry(0x05BA, "o"), Map.entry(0x05BC, ""),
            Map.entry(0x05BE, "-"), Map.entry(0x05C3, "."), Map.entry(0x05C6, "n"),
            Map.entry(0x05C7, "o"), Map.entry(0x05D0, "A"), Map.entry(0x05D7, "H"),
            Map.entry(0x05D8, "T"), Map.entry(0x05DA, "KH"), Map.entry(0x05DB, "KH"),
            Map.entry(0x05E5, "TS"), Map.entry(0x05E6, "TS"), Map.entry(0x05E7, "k"),
            Map.entry(0x05E9, "SH"), Map.entry(0x05EF, "YYY"), Map.entry(0x05F1, "OY"),
            Map.entry(0x05F2, "EY"),
            // Japanese kana: Python uses Hepburn for shi/chi/tsu (the rest agrees).
            Map.entry(0x3057, "shi"), Map.entry(0x3061, "chi"),
            Map.entry(0x3063, "tsu"), Map.entry(0x3064, "tsu"),
            Map.entry(0x30B7, "shi"), Map.entry(0x30C1, "chi"),
            Map.entry(0x30C3, "tsu"), Map.entry(0x30C4, "tsu"),
            Map.entry(0x30FF, ""),
            // General punctuation.
            Map.entry(0x2047, "??"), Map.entry(0x204A, "&"), Map.entry(0x204E, "*"),
            Map.entry(0x2052, "%"), Map.entry(0x2053, "~"), Map.entry(0x2057, "''''"),
            Map.entry(0x205F, " "),
            // Currency signs added to Unicode after Text::Unidecode's tables were written.
            Map.entry(0x20B4, "UAH"), Map.entry(0x20B5, "C|"), Map.entry(0x20B6, "L"),
            Map.entry(0x20B7, "Sm"), Map.entry(0x20B8, "T"), Map.entry(0x20B9, "Rs"),
            Map.entry(0x20BA, "L"), Map.entry(0x20BB, "M"), Map.entry(0x20BC, "m"),
            Map.entry(0x20BD, "R"), Map.entry(0x20BE, "l"), Map.entry(0x20BF, "BTC"),
            // Letterlike symbols and number forms.
            Map.entry(0x2116, "No. "), Map.entry(0x2117, "(p)"), Map.entry(0x2120, "(sm)"),
            Map.entry(0x2122, "(tm)"), Map.entry(0x2150, " 1/7 "), Map.entry(0x2151, " 1/9 "),
            Map.entry(0x2152, " 1/10 "),
            // Mathematical operators that stand in for ASCII punctuation.
            Map.entry(0x2212, "-"), Map.entry(0x2215, "/"), Map.entry(0x2217, "*"),
            Map.entry(0x2223, "|"), Map.entry(0x2236, ":"), Map.entry(0x223C, "~"),
            Map.entry(0x2264, "<="), Map.entry(0x2265, ">="),
            // Music sharp sign (Python leaves flat and natural empty, as junidecode does).
            Map.entry(0x266F, "#"),
            // Subscript schwa: its NFKC form is not ASCII-transliterated by Python.
            Map.entry(0x2094, ""));

    private Unidecode() {}

    /** Returns {@code text} transliterated to ASCII; ASCII text is returned as it is. */
    public static String toAscii(String text) {
        int firstNonAscii = firstNonAscii(text);
        if (firstNonAscii < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        out.append(text, 0, firstNonAscii);
        int i = firstNonAscii;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint < 0x80) {
                out.append((char) codePoint);
            } else {
                out.append(transliterate(codePoint));
            }
        }
        return out.toString();
    }

    private static int firstNonAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return i;
            }
        }
        return -1;
    }

    private static String transliterate(int codePoint) {
        String override = OVERRIDES.get(codePoint);
        if (override != null) {
            return override;
        }
        if (codePoint >= 0x24EB && codePoint <= 0x24FF) {
            return negativeCircledNumber(codePoint);
        }
        String character = Character.toString(codePoint);
        if (transliteratesViaNfkc(codePoint)) {
            String compatible = Normalizer.normalize(character, Normalizer.Form.NFKC);
            if (!compatible.equals(character)) {
                return toAscii(compatible);
            }
        }
        if (Character.isSurrogate((char) codePoint) || codePoint > 0xFFFF
                || hasNoPythonTransliteration(codePoint)) {
            return "";
        }
        String result = Junidecode.unidecode(character);
        // junidecode marks characters it does not know with "[?]" (CJK: "[?] ").
        return result.startsWith("[?]") ? "" : result;
    }

    private static boolean transliteratesViaNfkc(int codePoint) {
        return codePoint == 0x2071                                // superscript i
                || (codePoint >= 0x2090 && codePoint <= 0x209C)   // subscript letters
                || (codePoint >= 0x2460 && codePoint <= 0x24FF)   // enclosed alphanumerics
                || (codePoint >= 0x1D400 && codePoint <= 0x1D6A5) // mathematical Latin letters
                || (codePoint >= 0x1D7CE && codePoint <= 0x1D7FF); // mathematical digits
    }

    /** ⓫..⓴ are 11..20, ⓵..⓾ are 1..10 and ⓿ is 0; they have no NFKC decomposition. */
    private static String negativeCircledNumber(int codePoint) {
        if (codePoint <= 0x24F4) {
            return Integer.toString(codePoint - 0x24EB + 11);
        }
        return codePoint == 0x24FF ? "0" : Integer.toString(codePoint - 0x24F5 + 1);
    }

    /** Blocks Python leaves empty where junidecode writes something. */
    private static boolean hasNoPythonTransliteration(int codePoint) {
        return (codePoint >= 0x02E5 && codePoint <= 0x02EB)   // modifier tone letters
                || (codePoint >= 0x02EF && codePoint <= 0x02FF)
                || (codePoint >= 0x03F4 && codePoint <= 0x03F9)   // late Greek additions
                || (codePoint >= 0x03FC && codePoint <= 0x03FF);
    }
}
