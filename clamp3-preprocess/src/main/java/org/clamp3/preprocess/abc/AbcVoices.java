package org.clamp3.preprocess.abc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.py.PyError;
import org.clamp3.core.py.PyStr;

/**
 * A tune as the original sees it: header lines, then voice by voice its bars. The body starts at
 * the last line that is exactly {@code V:1} (after trimming); each later line starting with
 * {@code V:} opens the next voice, named by that trimmed line.
 *
 * @param header lines before the body, each with its line end
 * @param voices bars per voice name, in order of first appearance (a repeated name keeps its
 *               place and takes the later music, as a Python dict does)
 */
record AbcVoices(List<String> header, Map<String, VoiceBars> voices) {
    static final String FIRST_VOICE = "V:1";

    /** Index of the line that starts the body. */
    static int bodyStart(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (PyStr.strip(lines.get(i)).equals(FIRST_VOICE)) {
                return i;
            }
        }
        throw new PyError("tunebody index not found.");
    }

    static AbcVoices parse(List<String> lines) {
        int start = bodyStart(lines);
        Map<String, String> texts = new LinkedHashMap<>();
        String name = FIRST_VOICE;
        StringBuilder text = new StringBuilder();
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("V:")) {
                texts.put(name, text.toString());
                name = PyStr.strip(line);
                text.setLength(0);
            } else {
                text.append(line);
            }
        }
        texts.put(name, text.toString());

        Map<String, VoiceBars> voices = new LinkedHashMap<>();
        texts.forEach((voice, music) -> voices.put(voice, VoiceBars.split(music)));
        return new AbcVoices(new ArrayList<>(lines.subList(0, start)), voices);
    }

    VoiceBars first() {
        return voices.get(FIRST_VOICE);
    }
}
