package org.clamp3.preprocess.abc;

import java.util.List;
import java.util.Map;

import org.clamp3.core.py.PyList;

/**
 * Writes a tune as interleaved ABC (abctoolkit's {@code rotate_abc}): the header, then one line per
 * bar holding that bar of every voice, {@code [V:1]…|[V:2]…|}. The first line also carries each
 * voice's prefix and opening barline.
 */
final class VoiceRotator {
    private VoiceRotator() {}

    static String rotate(AbcVoices tune) {
        StringBuilder out = new StringBuilder();
        for (String line : tune.header()) {
            out.append(line);
            if (!line.endsWith("\n")) {
                out.append('\n');
            }
        }
        StringBuilder firstLine = new StringBuilder();
        for (Map.Entry<String, VoiceBars> e : tune.voices().entrySet()) {
            VoiceBars v = e.getValue();
            firstLine.append('[').append(e.getKey()).append(']').append(v.prefix()).append(PyList.get(v.leftBarlines(), 0))
                    .append(PyList.get(v.texts(), 0)).append(PyList.get(v.rightBarlines(), 0));
        }
        out.append(firstLine).append('\n');
        int bars = tune.first().texts().size();
        for (int i = 1; i < bars; i++) {
            for (Map.Entry<String, VoiceBars> e : tune.voices().entrySet()) {
                List<String> texts = e.getValue().texts();
                out.append('[').append(e.getKey()).append(']').append(PyList.get(texts, i))
                        .append(PyList.get(e.getValue().rightBarlines(), i));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
