package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.clamp3.core.py.PyList;

/**
 * A closed measure of one voice put in order as xml2abc's {@code sortMeasure} and {@code mkBroken}
 * do: items in time order, gaps filled with invisible rests, overlaps resolved (dropped, shortened,
 * made chords or discarded, each reported), dotted pairs in a beam turned into broken rhythm.
 */
final class MeasureSorting {
    private MeasureSorting() {}

    /** True when a gap of dt divisions is real (more than a 1/64 note); MuseScore sometimes writes tiny ones. */
    static boolean realGap(long dt, MeasureState m, List<String> messages) {
        if (dt > Long.MAX_VALUE / 16 || 16 * dt > m.divs) {
            return true;
        }
        messages.add("-- MuseScore bug: incorrect duration, smaller then 1/64! in measure " + m.index + ", part " + m.part);
        return false;
    }

    /** Puts the items of one voice in time order, fills gaps with invisible rests and resolves overlaps. */
    static List<VoiceItem> sort(List<VoiceItem> voice, MeasureState m, List<String> messages) {
        voice.sort(Comparator.comparingLong(o -> o.time)); // stable, like Python's sort
        long t = 0;
        List<VoiceItem> v = new ArrayList<>();
        List<Integer> rests = new ArrayList<>();
        for (VoiceItem item : voice) {
            if (item.time > t && realGap(item.time - t, m, messages)) {
                v.add(new NoteItem(item.time - t, "x")); // its own time stays 0, as in the original
                rests.add(v.size() - 1);
            }
            if (item instanceof TextItem) {
                if (item.time < t) {
                    item.time = t;
                }
                v.add(item);
                t = item.time;
                continue;
            }
            NoteItem nx = (NoteItem) item;
            if (nx.time < t) { // overlaps what came before
                if (nx.ns.get(0).equals("z")) {
                    continue;
                }
                VoiceItem prev = v.get(v.size() - 1);
                if (prev.time <= nx.time) {
                    if (!(prev instanceof NoteItem last)) {
                        throw new ConversionFailure("overlapping notes after a text item");
                    }
                    if (last.ns.get(0).equals("z")) {
                        last.dur = nx.time - last.time;
                        if (last.dur == 0) {
                            v.remove(v.size() - 1);
                        }
                        messages.add("-- overlap in part " + (m.part + 1) + ", measure " + (m.index + 1) + ": rest shortened");
                    } else {
                        last.ns.addAll(nx.ns);
                        messages.add("-- overlap in part " + (m.part + 1) + ", measure " + (m.index + 1) + ": added chord");
                        nx.dur = (nx.time + nx.dur) - t;
                        if (nx.dur <= 0) {
                            continue;
                        }
                        nx.time = t;
                    }
                } else {
                    messages.add("-- overlapping notes in one voice! part " + (m.part + 1) + ", measure " + (m.index + 1)
                            + ", note " + PyList.repr(nx.ns) + " discarded");
                    continue;
                }
            }
            v.add(nx);
            if (nx.isRest()) {
                rests.add(v.size() - 1);
            } else if (!rests.isEmpty()) {
                if (nx.beam != 0 && !nx.grace) { // rests between beamed notes join the beam
                    for (int j : rests) {
                        if (j >= v.size() || !(v.get(j) instanceof NoteItem r)) {
                            throw new ConversionFailure("lost track of a rest while sorting a measure");
                        }
                        r.beam = nx.beam;
                    }
                }
                rests.clear();
            }
            t = nx.time + nx.dur;
        }
        if (t == 0) {
            messages.add("-- empty measure in part " + (m.part + 1) + ", measure " + (m.index + 1)
                    + ", it should contain at least a rest to advance the time!");
        }
        return v;
    }

    /** Dotted pairs inside a beam become broken rhythms (A3B -> A>B), never chained. */
    static void makeBroken(List<VoiceItem> items) {
        List<NoteItem> vs = new ArrayList<>();
        for (VoiceItem i : items) {
            if (i instanceof NoteItem n) {
                vs.add(n);
            }
        }
        int i = 0;
        while (i < vs.size() - 1) {
            NoteItem n1 = vs.get(i);
            NoteItem n2 = vs.get(i + 1);
            if (n1.fact == null && n2.fact == null && n1.dur > 0 && n2.beam != 0) {
                if (n1.dur * 3 == n2.dur) {
                    n2.dur = Math.floorDiv(2 * n2.dur, 3);
                    n1.dur = n1.dur * 2;
                    n1.after = "<" + n1.after;
                    i += 1;
                } else if (n2.dur * 3 == n1.dur) {
                    n1.dur = Math.floorDiv(2 * n1.dur, 3);
                    n2.dur = n2.dur * 2;
                    n1.after = ">" + n1.after;
                    i += 1;
                }
            }
            i += 1;
        }
    }
}
