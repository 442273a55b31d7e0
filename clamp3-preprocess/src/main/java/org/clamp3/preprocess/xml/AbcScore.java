package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.py.PyStr;

/** The ABC tune being written: header fields collected while reading, the voice bodies, and the final text. */
final class AbcScore {
    /** One percussion note of a voice: ABC note, staff step, MIDI pitch, notehead. */
    record DrumNote(String abcNote, String step, long midi, String notehead) {}

    String title = "T:Title";
    String key = "none";
    String meter = "none";
    /** Tempo text for Q:, null when none was found in the first measure. */
    String tempo;
    long[] tempoUnits = {1, 4};
    boolean stemless;
    /** ABC voice number -> clef text for its V: line, in the order the staves were mapped. */
    final Map<Integer, String> clefs = new LinkedHashMap<>();
    private final List<String> body = new ArrayList<>();

    void addLine(String line) {
        body.add(line + "\n");
    }

    /**
     * The whole tune: header, voice declarations, bodies, and the empty line xml2abc prints after a tune.
     *
     * @param partStaves per part: its staves, each the ABC voice numbers on it
     * @param drums per ABC voice (index = number - 1): its percussion notes
     */
    String text(List<Object> partList, List<List<List<Integer>>> partStaves, List<List<DrumNote>> drums, List<String> messages) {
        PartGroups.Layout layout = PartGroups.layout(partList, partStaves, messages);
        String staves = String.join(" ", layout.staves());
        Map<Integer, String> names = new HashMap<>();
        for (int i = 0; i < Math.min(partStaves.size(), layout.names().size()); i++) {
            List<List<Integer>> part = partStaves.get(i);
            if (part.isEmpty()) {
                continue;
            }
            String nm = partName(layout.names().get(i)[0]);
            String snm = partName(layout.names().get(i)[1]);
            names.put(part.get(0).get(0), (nm.isEmpty() ? "" : "nm=\"" + nm + "\"") + (snm.isEmpty() ? "" : " snm=\"" + snm + "\""));
        }
        StringBuilder hd = new StringBuilder();
        hd.append("X:1\n").append(title).append('\n');
        if (!staves.isEmpty() && layout.staves().size() > 1) {
            hd.append("%%score ").append(staves).append('\n');
        }
        hd.append("L:1/").append(VoiceText.UNIT).append('\n');
        if (tempo != null && !tempo.isEmpty()) {
            hd.append("Q:").append(tempoUnits[0]).append('/').append(tempoUnits[1]).append('=').append(tempo).append('\n');
        }
        hd.append("M:").append(meter).append('\n');
        hd.append("K:").append(key).append('\n');
        if (stemless) {
            hd.append("U:s=!stemless!\n");
        }
        for (Map.Entry<Integer, String> e : clefs.entrySet()) {
            int vnum = e.getKey();
            String clef = e.getValue();
            if (vnum - 1 < 0 || vnum - 1 >= drums.size()) {
                throw new ConversionFailure("no instrument settings for voice " + vnum);
            }
            List<DrumNote> dmap = drums.get(vnum - 1);
            if (!dmap.isEmpty() && !clef.contains("perc")) {
                clef = PyStr.strip(clef + " map=perc");
            }
            hd.append("V:").append(vnum).append(' ').append(clef).append(' ').append(names.getOrDefault(vnum, "")).append('\n');
            if (clef.contains("perc")) {
                hd.append("K:none\n"); // no key for a percussion voice
            }
            for (DrumNote d : dmap) {
                String head = d.notehead().isEmpty() ? "normal" : d.notehead();
                if (AbcNotation.midiPitch(d.abcNote()) != d.midi() || !d.abcNote().equals(d.step())) {
                    hd.append("I:percmap ").append(d.abcNote()).append(' ').append(d.step()).append(' ')
                            .append(d.midi()).append(' ').append(head).append('\n');
                }
            }
        }
        for (String line : body) {
            hd.append(line);
        }
        return hd.append('\n').toString();
    }

    private static String partName(String name) {
        return PyStr.strip(name.replace("\n", "\\n").replace(".:", "."), ":");
    }
}
