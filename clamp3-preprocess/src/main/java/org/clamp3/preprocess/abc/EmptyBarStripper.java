package org.clamp3.preprocess.abc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.py.PyList;
import org.clamp3.core.py.PyStr;

/**
 * Cuts the empty bars at the start and end of a tune (over all voices together) and writes the
 * voices out again, wrapped at 100 characters, as abctoolkit's {@code strip_empty_bars} does.
 * The first left barline and the last right barline are kept.
 */
final class EmptyBarStripper {
    private static final int LINE_WIDTH = 100;

    private EmptyBarStripper() {}

    /**
     * Returns the stripped lines, or null when the original gives up (unequal bar numbers, or
     * nothing left); what it prints on the way is added to {@code messages}.
     */
    static List<String> strip(List<String> lines, List<PipelineMessage> messages) {
        AbcVoices tune = AbcVoices.parse(lines);
        VoiceBars first = tune.first();
        boolean barlinesEqual = true;
        boolean barCountsEqual = true;
        for (VoiceBars v : tune.voices().values()) {
            barlinesEqual &= v.leftBarlines().equals(first.leftBarlines()) && v.rightBarlines().equals(first.rightBarlines());
            barCountsEqual &= v.texts().size() == first.texts().size();
        }
        if (!barlinesEqual) {
            messages.add(PipelineMessage.plain("Unequal barlines."));
        }
        if (!barCountsEqual) {
            messages.add(PipelineMessage.plain("Unequal bar numbers."));
            return null;
        }

        int from = first.texts().size();
        int to = -1;
        for (VoiceBars v : tune.voices().values()) {
            from = Math.min(from, firstNonEmptyBar(v.texts()));
            to = Math.max(to, lastNonEmptyBar(v.texts()) + 1);
        }
        if (from >= to) {
            messages.add(PipelineMessage.plain("Empty piece."));
            return null;
        }

        Map<String, VoiceBars> kept = new LinkedHashMap<>();
        for (Map.Entry<String, VoiceBars> e : tune.voices().entrySet()) {
            VoiceBars v = e.getValue();
            List<String> left = new ArrayList<>();
            left.add(PyList.get(v.leftBarlines(), 0));
            left.addAll(PyList.slice(v.leftBarlines(), from + 1, to));
            List<String> right = new ArrayList<>(PyList.slice(v.rightBarlines(), from, to - 1));
            right.add(PyList.get(v.rightBarlines(), -1));
            kept.put(e.getKey(), new VoiceBars(v.prefix(), left, PyList.slice(v.texts(), from, to), right));
        }
        return write(tune.header(), kept);
    }

    /** Index of the first bar with a letter other than rests (z, x) once decorations and text annotations are gone; size if none. */
    private static int firstNonEmptyBar(List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            String t = AbcText.withoutTextAnnotations(AbcText.withoutDecorations(texts.get(i)));
            if (t.codePoints().anyMatch(c -> PyStr.isAlpha(c) && "zZxX".indexOf(c) < 0)) {
                return i;
            }
        }
        return texts.size();
    }

    /** Index of the last bar with a note letter A-G/a-g once decorations, inline fields and text annotations are gone; -1 if none. */
    private static int lastNonEmptyBar(List<String> texts) {
        for (int i = texts.size() - 1; i >= 0; i--) {
            String t = AbcText.withoutTextAnnotations(AbcText.withoutInlineFields(AbcText.withoutDecorations(texts.get(i))));
            if (t.chars().anyMatch(c -> (c >= 'A' && c <= 'G') || (c >= 'a' && c <= 'g'))) {
                return i;
            }
        }
        return -1;
    }

    /** The header, then per voice its name line and its bars, {@code text barline } each, in lines of about 100 characters. */
    private static List<String> write(List<String> header, Map<String, VoiceBars> voices) {
        List<String> out = new ArrayList<>(header);
        voices.forEach((name, v) -> {
            out.add(name + "\n");
            StringBuilder line = new StringBuilder(v.prefix()).append(v.leftBarlines().get(0)).append(' ');
            int lineLength = 0;
            int i = 0;
            while (i < v.texts().size()) {
                String bar = v.texts().get(i) + " " + v.rightBarlines().get(i) + " ";
                int barLength = PyStr.len(bar);
                if (lineLength == 0 || lineLength + barLength <= LINE_WIDTH) {
                    line.append(bar);
                    lineLength += barLength;
                    i++;
                } else {
                    out.add(line.append('\n').toString());
                    line.setLength(0);
                    line.append(' ');
                    lineLength = 0;
                }
            }
            if (!PyStr.strip(line.toString()).isEmpty()) {
                out.add(line.append('\n').toString());
            }
        });
        return out;
    }
}
