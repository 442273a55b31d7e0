package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.clamp3.core.py.PyFloat;
import org.clamp3.core.py.PyInt;

/**
 * Reads a MusicXML score part by part, measure by measure, into {@link VoiceBuffers} and
 * {@link AbcScore}, with xml2abc's rules under its options {@code -d 8 -x} (xml2abc's Parser).
 * One instance converts one score: this class walks parts and measures, reads the header data and
 * maps voices to staves; a measure's notes, attributes and directions go to {@link NoteReader},
 * {@link AttributeReader} and {@link DirectionReader}, which share a {@link ParseContext}.
 */
final class ScoreParser {
    private final ParseContext ctx;
    private final NoteReader notes;
    private final AttributeReader attributes;
    private final DirectionReader directions;
    private final List<List<List<Integer>>> partStaves = new ArrayList<>();
    private final List<List<AbcScore.DrumNote>> drumsPerVoice = new ArrayList<>();
    private final List<Set<String>> partInstruments = new ArrayList<>();

    ScoreParser(List<String> messages) {
        ctx = new ParseContext(messages);
        notes = new NoteReader(ctx);
        attributes = new AttributeReader(ctx);
        directions = new DirectionReader(ctx);
    }

    /** Converts the score; null when no part has any notes (xml2abc then writes nothing, naming abcName). */
    String convert(XmlElement root, String abcName) {
        makeTitle(root);
        List<Object> partList = readPartList(root);
        Map<Integer, Integer> allVoices = new LinkedHashMap<>();
        List<XmlElement> parts = root.findAll("part");
        for (int ip = 0; ip < parts.size(); ip++) {
            XmlElement part = parts.get(ip);
            List<XmlElement> measures = part.findAll("measure");
            Set<Integer> voiceIds = mapStaves(part);
            ctx.drumNotes = new TreeMap<>();
            ctx.clefOctave = new HashMap<>();
            ctx.currentClef = new HashMap<>();
            ctx.diatonicFretting = false;
            ctx.music.startPart(voiceIds);
            List<Long> divisions = new ArrayList<>();
            ctx.msr = new MeasureState(ip);
            while (ctx.msr.index < measures.size()) {
                XmlElement measure = measures.get(ctx.msr.index);
                ctx.msr.reset();
                notes.startMeasure();
                List<XmlElement> es = measure.children();
                for (int i = 0; i < es.size(); i++) {
                    XmlElement e = es.get(i);
                    switch (e.tag()) {
                        case "note" -> notes.read(e);
                        case "attributes" -> attributes.read(e);
                        case "direction" -> directions.readDirection(e, i, es);
                        case "sound" -> directions.readDirection(measure, i, es); // a sound directly in the measure
                        case "harmony" -> directions.readHarmony(e, i, es);
                        case "barline" -> directions.readBarline(e);
                        case "backup" -> {
                            long dt = PyInt.parseLong(e.findText("duration"));
                            if (MeasureSorting.realGap(dt, ctx.msr, ctx.messages)) {
                                ctx.music.advance(-dt);
                            }
                        }
                        case "forward" -> {
                            long dt = PyInt.parseLong(e.findText("duration"));
                            if (MeasureSorting.realGap(dt, ctx.msr, ctx.messages)) {
                                ctx.music.advance(dt);
                            }
                        }
                        default -> {
                            // print (line breaks are off with -x) and everything else: nothing to write
                        }
                    }
                }
                ctx.music.addBar(ctx.msr);
                divisions.add(ctx.msr.divs);
                ctx.msr.index++;
            }
            attributes.closeOpenRepeats();
            Map<Integer, Integer> vvmap = ctx.music.outputPart(divisions, ip, ctx.sibelius);
            addStaffMap(vvmap);
            addDrumMap(ip, vvmap);
            allVoices.putAll(vvmap);
        }
        if (allVoices.isEmpty()) {
            ctx.messages.add("-- nothing written, " + abcName + " has no notes ...");
            return null;
        }
        return ctx.out.text(partList, partStaves, drumsPerVoice, ctx.messages);
    }

    // ---------------------------------------------------------------- header data

    private void makeTitle(XmlElement root) {
        String title = ScoreTitle.fields(root);
        if (title != null) {
            ctx.out.title = title;
        }
        String software = root.findText("identification/encoding/software");
        ctx.sibelius = software != null && software.contains("Sibelius");
        if (ctx.sibelius) {
            ctx.messages.add("-- Sibelius MusicXMl is unreliable");
        }
    }

    private List<Object> readPartList(XmlElement root) {
        for (XmlElement sp : root.findAll("part-list/score-part")) {
            Set<String> ids = new HashSet<>();
            for (XmlElement m : sp.findAll("midi-instrument")) {
                // validated like the original reads them, though only percussion pitches are used with -m 0
                String ch = m.findText("midi-channel");
                String prg = m.findText("midi-program");
                String vol = m.findText("volume");
                String pan = m.findText("pan");
                if (ch != null) {
                    PyInt.parseLong(ch);
                }
                if (prg != null) {
                    PyInt.parseLong(prg);
                }
                if (vol != null) {
                    PyFloat.parse(vol);
                }
                if (pan != null) {
                    PyFloat.parse(pan);
                }
                ids.add(m.get("id"));
                String up = m.findText("midi-unpitched");
                if (up != null && !up.isEmpty()) {
                    ctx.drumInstruments.put(m.get("id"), PyInt.parseLong(up) - 1);
                }
            }
            partInstruments.add(ids);
        }
        return PartGroups.parse(root.find("part-list"));
    }

    // ---------------------------------------------------------------- staves and voices

    /** Assigns each voice of the part to the staff most of its notes are on; returns the voices in order of appearance. */
    private Set<Integer> mapStaves(XmlElement part) {
        Map<Integer, Map<Integer, Integer>> counts = new LinkedHashMap<>();
        ctx.voiceInstrument = new LinkedHashMap<>();
        Set<Integer> ids = new LinkedHashSet<>();
        ctx.hasStems = new HashSet<>();
        ctx.staffVoices = new LinkedHashMap<>();
        ctx.headerClefs = new HashMap<>();
        for (XmlElement n : part.findAll("measure/note")) {
            int v = ctx.voiceOf(n);
            ids.add(v);
            int sn = ParseContext.smallInt(n.findText("staff", "1"));
            ctx.staffVoices.put(sn, new ArrayList<>());
            counts.computeIfAbsent(v, k -> new LinkedHashMap<>()).merge(sn, 1, Integer::sum);
            XmlElement instrument = n.find("instrument");
            if (instrument != null) {
                ctx.voiceInstrument.put(v, instrument.get("id"));
            }
            String stem = n.findText("stem");
            if (n.find("rest") == null && (stem == null || stem.isEmpty() || !stem.equals("none"))) {
                ctx.hasStems.add(v);
            }
        }
        List<Integer> vks = new ArrayList<>(counts.keySet());
        if (ctx.sibelius) {
            vks.sort(null);
        }
        for (int v : vks) {
            int bestStaff = 0;
            int bestCount = -1;
            for (Map.Entry<Integer, Integer> e : counts.get(v).entrySet()) {
                // max by (count, staff): a tie goes to the higher staff number
                if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() > bestStaff)) {
                    bestCount = e.getValue();
                    bestStaff = e.getKey();
                }
            }
            ctx.staffVoices.get(bestStaff).add(v);
            ctx.voiceStaff.put(v, bestStaff);
            ctx.currentStaff.put(v, bestStaff);
        }
        return ids;
    }

    private void addStaffMap(Map<Integer, Integer> vvmap) {
        List<List<Integer>> part = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : new TreeMap<>(ctx.staffVoices).entrySet()) {
            List<Integer> locmap = new ArrayList<>();
            List<Boolean> nostem = new ArrayList<>();
            for (int iv : e.getValue()) {
                if (vvmap.containsKey(iv)) {
                    locmap.add(vvmap.get(iv));
                    nostem.add(!ctx.hasStems.contains(iv));
                }
            }
            if (locmap.isEmpty()) {
                continue;
            }
            part.add(locmap);
            String clef = ctx.headerClefs.getOrDefault(e.getKey(), "treble");
            for (int i = 0; i < locmap.size(); i++) {
                String attr = "";
                if (clef.startsWith("tab")) {
                    if (nostem.get(i) && !clef.contains("nostems")) {
                        attr = " nostems";
                    }
                    if (ctx.diatonicFretting && !clef.contains("diafret")) {
                        attr += " diafret";
                    }
                }
                ctx.out.clefs.put(locmap.get(i), clef + attr);
            }
        }
        partStaves.add(part);
    }

    private void addDrumMap(int ip, Map<Integer, Integer> vvmap) {
        if (ip >= partInstruments.size()) {
            throw new ConversionFailure("part " + (ip + 1) + " has no score-part in the part-list");
        }
        TreeMap<Integer, List<AbcScore.DrumNote>> byAbcVoice = new TreeMap<>();
        for (Map.Entry<Integer, Integer> e : vvmap.entrySet()) {
            List<AbcScore.DrumNote> ds = new ArrayList<>();
            for (Map.Entry<ParseContext.DrumKey, AbcScore.DrumNote> d : ctx.drumNotes.entrySet()) {
                if (d.getKey().voice() == e.getKey()) {
                    ds.add(d.getValue());
                }
            }
            byAbcVoice.put(e.getValue(), ds);
        }
        drumsPerVoice.addAll(byAbcVoice.values());
    }
}
