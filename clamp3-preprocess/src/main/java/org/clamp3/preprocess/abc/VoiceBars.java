package org.clamp3.preprocess.abc;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.py.PyError;
import org.clamp3.core.py.PyList;
import org.clamp3.core.py.PyStr;

/**
 * One voice cut into bars: an optional prefix (a leading inline-field group such as {@code [K:G]}),
 * and per bar its left barline, text and right barline. The lists are filled by position in the
 * split, as the original does, so on odd input a "barline" may hold text and the reverse.
 */
record VoiceBars(String prefix, List<String> leftBarlines, List<String> texts, List<String> rightBarlines) {

    /** Characters of a volta number or repeat sign that start a bar and belong to the barline before it. */
    private static final String BARLINE_AFFIX = "0123456789,.-:";

    /** Splits a voice's music text (its lines joined) into bars. */
    static VoiceBars split(String voiceText) {
        List<String> pieces = nonEmptyPieces(voiceText);
        String first = PyList.get(pieces, 0);
        String prefix = "";
        int contentStart;
        if (Barlines.isToken(first)) {
            contentStart = 1;
        } else if (PyStr.strip(AbcText.withoutInlineFields(first)).isEmpty()) {
            contentStart = 2;
            prefix = PyStr.strip(first);
        } else {
            contentStart = 0;
        }
        for (int j = contentStart; j < pieces.size(); j += 2) {
            moveLeadingAffix(pieces, j);
        }

        int n = pieces.size() / 2;
        List<String> left = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> right = new ArrayList<>();
        if (Barlines.isToken(pieces.get(0))) {
            for (int i = 0; i < n; i++) {
                left.add(pieces.get(i * 2));
                texts.add(pieces.get(i * 2 + 1));
                right.add(PyList.get(pieces, i * 2 + 2));
            }
        } else if (prefix.isEmpty()) {
            left.add("");
            for (int i = 0; i < n; i++) {
                if (i < n - 1) {
                    left.add(pieces.get(i * 2 + 1));
                }
                texts.add(pieces.get(i * 2));
                right.add(pieces.get(i * 2 + 1));
            }
        } else {
            for (int i = 0; i < n - 1; i++) {
                left.add(pieces.get(i * 2 + 1));
                texts.add(pieces.get(i * 2 + 2));
                right.add(pieces.get(i * 2 + 3));
            }
        }
        if (left.size() != texts.size() || texts.size() != right.size()) {
            throw new PyError("Unequal bar elements");
        }
        return new VoiceBars(prefix, left, texts, right);
    }

    /** The split pieces without blank ones and without a piece equal to the one before it in the split. */
    private static List<String> nonEmptyPieces(String voiceText) {
        List<String> all = new ArrayList<>();
        for (String p : Barlines.split(PyStr.strip(voiceText))) {
            if (!PyStr.strip(p).isEmpty()) {
                all.add(p);
            }
        }
        List<String> kept = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            if (i == 0 || !all.get(i).equals(all.get(i - 1))) {
                kept.add(all.get(i));
            }
        }
        return kept;
    }

    /**
     * Strips piece j and moves the digits, ':', ',', '.', '-' it starts with onto the piece before
     * it (for j = 0 that is the last piece, Python's index -1). As in the original, the last
     * character of the piece always stays, even when it is one of those.
     */
    private static void moveLeadingAffix(List<String> pieces, int j) {
        String piece = PyStr.strip(pieces.get(j)).replace("\n", "");
        pieces.set(j, piece);
        if (piece.isEmpty()) {
            throw PyError.stringIndex();
        }
        int c = piece.codePointAt(0);
        if (!PyStr.isDecimal(c) && c != ':') {
            return;
        }
        int k = 0;
        while (k < piece.length() - 1 && BARLINE_AFFIX.indexOf(piece.charAt(k)) >= 0) {
            k++;
        }
        pieces.set(j, PyStr.strip(piece.substring(k)));
        int before = j == 0 ? pieces.size() - 1 : j - 1;
        pieces.set(before, pieces.get(before) + piece.substring(0, k));
    }
}
