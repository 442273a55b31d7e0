package org.clamp3.core.input;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts symbolic music text (ABC notation or MTF, the text form of MIDI) into patches and
 * encodes each patch as character codes, exactly as CLaMP 3's original {@code M3Patchilizer}
 * does for feature extraction, quirks included:
 * <ol>
 *   <li>every {@code "L:1/8\n"} is removed, then the text is transliterated to ASCII
 *       ({@link Unidecode});
 *   <li>the text is split into lines that keep their {@code "\n"} (the last one may have none);
 *   <li>MTF, when the first line's first space-separated word is {@code ticks_per_beat}: a line
 *       joins the current patch when the patch text <em>starts with</em> the line's first word
 *       (a prefix test, not an equality test) and {@code len(patch) + len(rest) <= patchSize - 2},
 *       where {@code rest} is the line after its first space; the patch's last character is
 *       then replaced by {@code "\t" + rest}. Otherwise the line starts a new patch;
 *   <li>ABC otherwise: a line of at least two characters that starts with a letter and a colon
 *       ({@code "T:"}) or with {@code "%%"} is one patch. Any other line is split into bars at
 *       the delimiters {@code |: :: :| [| || |] |} (at each position the first of them that
 *       matches wins); each bar keeps its closing delimiter, a leading delimiter joins the
 *       first bar, whatever follows the last delimiter is dropped and {@code "\n"} is appended
 *       to the last bar. A line without a delimiter gives no patch;
 *   <li>a BOS patch (code 1 repeated) and an EOS patch (code 2 repeated) are added at the ends;
 *   <li>each patch becomes {@code [1] + codes + [2]}, cut to {@code patchSize} and padded with
 *       0, so a patch longer than {@code patchSize - 2} characters loses its end marker 2.
 * </ol>
 *
 * <p>Where the original crashes, this class throws {@link IllegalArgumentException} (callers
 * add the file name):
 * <ul>
 *   <li>text that is empty after step 1 (the original: IndexError on {@code lines[0]});
 *   <li>an ABC body line that is a single bar delimiter and nothing else, which can only be
 *       the file's last line without a newline, e.g. a final {@code "|]"} (the original:
 *       IndexError in {@code split_bars}). The same line followed by a newline gives no patch;
 *   <li>a code point of 128 or more inside an encoded patch (the original: one-hot error). It
 *       cannot happen after {@link Unidecode}; the check guards against garbage features.
 * </ul>
 *
 * <p>Runs in time linear in the text length (plain scanning, no backtracking regular
 * expressions). Instances are immutable and thread-safe.
 */
public final class M3Patchilizer {

    /** The bar delimiters in the order the original's regular expression tries them. */
    private static final String[] BAR_DELIMITERS = {"|:", "::", ":|", "[|", "||", "|]", "|"};

    private static final int PAD = 0;
    private static final int BOS = 1;
    private static final int EOS = 2;
    private static final int CODE_LIMIT = 128;

    private final int patchSize;

    /** @param patchSize codes per patch, markers included (64 in CLaMP 3) */
    public M3Patchilizer(int patchSize) {
        if (patchSize < 2) {
            throw new IllegalArgumentException("patch size must be at least 2, got " + patchSize);
        }
        this.patchSize = patchSize;
    }

    /**
     * Encodes a whole file's text as extraction does: BOS patch, content patches, EOS patch,
     * each {@code patchSize} codes in 0..127.
     *
     * @throws IllegalArgumentException in the cases listed in the class comment
     */
    public int[][] encode(String text) {
        List<String> patches = patchStrings(text);
        int[][] encoded = new int[patches.size() + 2][];
        encoded[0] = encodePatch(Character.toString(BOS).repeat(patchSize));
        for (int i = 0; i < patches.size(); i++) {
            encoded[i + 1] = encodePatch(patches.get(i));
        }
        encoded[encoded.length - 1] = encodePatch(Character.toString(EOS).repeat(patchSize));
        return encoded;
    }

    /**
     * The content patches as text, before encoding and without the BOS/EOS patches; useful to
     * see how a file was cut.
     *
     * @throws IllegalArgumentException if the text is empty after preparation, or for an ABC
     *     line that is a lone bar delimiter at the end of the file
     */
    public List<String> patchStrings(String text) {
        String ascii = Unidecode.toAscii(text.replace("L:1/8\n", ""));
        List<String> lines = splitLinesKeepingNewline(ascii);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(
                    "no content left after removing \"L:1/8\" lines and transliterating to ASCII");
        }
        return firstWord(lines.get(0)).equals("ticks_per_beat")
                ? mtfPatches(lines)
                : abcPatches(lines);
    }

    /** Like Python's {@code re.findall(r'.*?\n|.*$', s)} with empty matches dropped. */
    private static List<String> splitLinesKeepingNewline(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }

    /** Python's {@code line.split(" ")[0]}. */
    private static String firstWord(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    /** Python's {@code " ".join(line.split(" ")[1:])}: everything after the first space. */
    private static String afterFirstWord(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? "" : line.substring(space + 1);
    }

    private List<String> mtfPatches(List<String> lines) {
        List<String> patches = new ArrayList<>();
        String patch = "";
        for (String line : lines) {
            String rest = afterFirstWord(line);
            if (patch.startsWith(firstWord(line)) && patch.length() + rest.length() <= patchSize - 2) {
                // The original drops the patch's last character (normally its "\n").
                patch = patch.substring(0, Math.max(0, patch.length() - 1)) + "\t" + rest;
            } else {
                if (!patch.isEmpty()) {
                    patches.add(patch);
                }
                patch = line;
            }
        }
        if (!patch.isEmpty()) {
            patches.add(patch);
        }
        return patches;
    }

    private static List<String> abcPatches(List<String> lines) {
        List<String> patches = new ArrayList<>();
        for (String line : lines) {
            if (isInformationLine(line)) {
                patches.add(line);
            } else {
                List<String> bars = splitBars(line);
                if (!bars.isEmpty()) {
                    bars.set(bars.size() - 1, bars.get(bars.size() - 1) + "\n");
                    patches.addAll(bars);
                }
            }
        }
        return patches;
    }

    /** Header fields like {@code "K:"} and directives like {@code "%%score"}. */
    private static boolean isInformationLine(String line) {
        if (line.length() < 2) {
            return false;
        }
        char first = line.charAt(0);
        boolean letter = (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z');
        return (letter && line.charAt(1) == ':') || line.startsWith("%%");
    }

    /**
     * The original's {@code split_bars}: split into alternating text and delimiter pieces,
     * drop empty pieces, join a leading delimiter to the next piece, then pair pieces up
     * (dropping an odd one at the end). With adjacent delimiters the pairing goes out of step
     * with the text exactly as in the original.
     */
    private static List<String> splitBars(String line) {
        List<String> pieces = new ArrayList<>();
        int textStart = 0;
        int i = 0;
        while (i < line.length()) {
            String delimiter = delimiterAt(line, i);
            if (delimiter == null) {
                i++;
                continue;
            }
            addIfNotEmpty(pieces, line.substring(textStart, i));
            pieces.add(delimiter);
            i += delimiter.length();
            textStart = i;
        }
        addIfNotEmpty(pieces, line.substring(textStart));

        int first = 0;
        String leading = "";
        if (!pieces.isEmpty() && isDelimiter(pieces.get(0))) {
            if (pieces.size() == 1) {
                throw new IllegalArgumentException("the last line is only the bar line \""
                        + pieces.get(0) + "\" with no newline after it (the original crashes here)");
            }
            leading = pieces.get(0);
            first = 1;
        }
        List<String> bars = new ArrayList<>();
        for (int p = first; p + 1 < pieces.size(); p += 2) {
            String head = p == first ? leading + pieces.get(p) : pieces.get(p);
            bars.add(head + pieces.get(p + 1));
        }
        return bars;
    }

    private static String delimiterAt(String line, int index) {
        char c = line.charAt(index);
        if (c != '|' && c != ':' && c != '[') {
            return null;
        }
        for (String delimiter : BAR_DELIMITERS) {
            if (line.startsWith(delimiter, index)) {
                return delimiter;
            }
        }
        return null;
    }

    private static boolean isDelimiter(String piece) {
        for (String delimiter : BAR_DELIMITERS) {
            if (delimiter.equals(piece)) {
                return true;
            }
        }
        return false;
    }

    private static void addIfNotEmpty(List<String> pieces, String piece) {
        if (!piece.isEmpty()) {
            pieces.add(piece);
        }
    }

    private int[] encodePatch(String patch) {
        int[] codes = new int[patchSize];
        codes[0] = BOS;
        int n = Math.min(patch.length(), patchSize - 1);
        for (int i = 0; i < n; i++) {
            char c = patch.charAt(i);
            if (c >= CODE_LIMIT) {
                throw new IllegalArgumentException(String.format(
                        "character U+%04X is not ASCII after transliteration", (int) c));
            }
            codes[i + 1] = c;
        }
        if (n + 1 < patchSize) {
            codes[n + 1] = EOS;
        }
        return codes;
    }
}
