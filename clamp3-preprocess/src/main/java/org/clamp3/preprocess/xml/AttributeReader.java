package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.py.PyInt;
import org.clamp3.core.py.PyStr;

/**
 * A measure's attributes as xml2abc's {@code doAttr} reads them: divisions, key, time, transposition,
 * measure repeats and clefs with their staff details.
 */
final class AttributeReader {
    private static final Map<String, String> CLEFS = Map.of("C1", "alto1", "C2", "alto2", "C3", "alto", "C4", "tenor",
            "F4", "bass", "F3", "bass3", "G2", "treble", "TAB", "tab", "percussion", "perc");

    private final ParseContext ctx;
    private final Map<Integer, RepeatMark> measureRepeats = new LinkedHashMap<>();

    AttributeReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** At the end of a part: measure repeats that never stopped are written as repeating once. */
    void closeOpenRepeats() {
        for (RepeatMark r : measureRepeats.values()) {
            r.abc = "[I:repeat " + PyStr.str(r.text) + " 1]";
        }
    }

    /** Reads one attributes element. */
    void read(XmlElement e) {
        String dvs = e.findText("divisions");
        if (dvs != null && !dvs.isEmpty()) {
            ctx.msr.divs = PyInt.parseLong(dvs);
        }
        long steps = PyInt.parseLong(e.findText("transpose/chromatic", "0"));
        String fifths = e.findText("key/fifths");
        boolean first = ctx.music.time == 0 && ctx.msr.index == 0;
        if (fifths != null && !fifths.isEmpty()) {
            AbcNotation.Key key = AbcNotation.key(PyInt.parseLong(fifths), e.findText("key/mode", "major"));
            ctx.keyAlterations = key.alterations();
            if (first && steps == 0 && ctx.out.key.equals("none")) {
                ctx.out.key = key.name(); // first key of the score goes to the header, unless transposing
            } else if (!key.name().equals(ctx.out.key) || !first) {
                ctx.msr.attr += "[K:" + key.name() + "]";
            }
        }
        String beats = e.findText("time/beats");
        if (beats != null && !beats.isEmpty()) {
            String unit = e.findText("time/beat-type");
            if (unit == null) {
                throw new ConversionFailure("time signature without beat-type");
            }
            String mtr = beats + "/" + unit;
            if (first) {
                ctx.out.meter = mtr;
            } else {
                ctx.msr.attr += "[M:" + mtr + "]";
            }
            ctx.msr.beats = PyInt.parseLong(beats);
            ctx.msr.beatType = PyInt.parseLong(unit);
        }
        ctx.msr.nominalLength = PyInt.floorDiv(PyInt.mul(PyInt.mul(ctx.msr.divs, ctx.msr.beats), 4), ctx.msr.beatType);
        for (XmlElement ms : e.findAll("measure-style")) {
            int n = ParseContext.smallInt(ms.get("number", "1"));
            List<Integer> voices = ParseContext.need(ctx.staffVoices, n, "staff");
            for (XmlElement mr : ms.findAll("measure-repeat")) {
                String type = mr.get("type");
                if ("start".equals(type)) {
                    RepeatMark mark = new RepeatMark(ctx.msr.index, mr.text());
                    measureRepeats.put(n, mark);
                    for (int v : voices) {
                        ctx.music.insertRepeat(v, mark);
                    }
                } else if ("stop".equals(type)) {
                    RepeatMark mark = ParseContext.need(measureRepeats, n, "measure repeat on staff");
                    if (mark.abc != null) { // left open by an earlier part: the original fails on it
                        throw new ConversionFailure("measure repeat stopped in another part than it started");
                    }
                    long count = ctx.msr.index - mark.startMeasure;
                    String mid = "";
                    if (mark.text != null && !mark.text.isEmpty()) {
                        mid = mark.text + " ";
                        long k = PyInt.parseLong(mark.text);
                        if (k == 0) {
                            throw new ConversionFailure("measure repeat of 0 measures");
                        }
                        count = (long) ((double) count / (double) k);
                    }
                    mark.abc = "[I:repeat " + mid + count + "]";
                    measureRepeats.remove(n);
                }
            }
        }
        String toct = e.findText("transpose/octave-change", "");
        if (!toct.isEmpty()) {
            steps += 12 * PyInt.parseLong(toct); // transposition by octaves as well
        }
        for (XmlElement clef : e.findAll("clef")) {
            readClef(e, clef, steps, first);
        }
    }

    private void readClef(XmlElement attributes, XmlElement clef, long steps, boolean first) {
        int n = ParseContext.smallInt(clef.get("number", "1"));
        String sign = clef.findText("sign");
        if (sign == null) {
            throw new ConversionFailure("clef without sign");
        }
        String line = sign.equals("percussion") || sign.equals("TAB") ? "" : clef.findText("line", "");
        String cs = CLEFS.getOrDefault(sign + line, "");
        String oct = clef.findText("clef-octave-change", "");
        if (oct.isEmpty()) {
            oct = "0";
        }
        long octave = PyInt.parseLong(oct);
        cs += octave == -2 ? "-15" : octave == -1 ? "-8" : octave == 1 ? "+8" : octave == 2 ? "+15" : "";
        ctx.clefOctave.put(n, -octave); // XML sounding pitch -> notated ABC pitch
        if (steps != 0) {
            cs += " transpose=" + steps;
        }
        XmlElement details = attributes.find("staff-details");
        if (details != null && details.hasChildren() && PyInt.parseLong(details.get("number", "1")) == n) {
            String lines = details.findText("staff-lines");
            if (lines != null && !lines.isEmpty()) {
                String lns = lines.equals("3") && sign.equals("TAB") ? "|||" : lines;
                cs += " stafflines=" + lns;
                PyInt.parseLong(lines);
            }
            List<XmlElement> strings = details.findAll("staff-tuning");
            if (!strings.isEmpty()) {
                List<String> tuning = new ArrayList<>();
                for (XmlElement st : strings) {
                    String s = st.findText("tuning-step");
                    String o = st.findText("tuning-octave");
                    if (s == null || o == null) {
                        throw new ConversionFailure("staff-tuning without step or octave");
                    }
                    tuning.add(s + o);
                }
                cs += " strings=" + String.join(",", tuning);
            }
            String capo = details.findText("capo");
            if (capo != null && !capo.isEmpty()) {
                cs += " capo=" + capo;
            }
        }
        ctx.currentClef.put(n, cs);
        if (first) {
            ctx.headerClefs.put(n, cs); // clefs of the first measure go to the V: lines
        } else {
            for (int v : ParseContext.need(ctx.staffVoices, n, "staff")) { // a clef change goes to all voices of the staff
                int cur = ParseContext.need(ctx.currentStaff, v, "voice");
                if (n != cur) {
                    ctx.currentStaff.put(v, n);
                    ctx.music.appendText(v, String.format("[I:staff %+d]", (long) n - cur));
                }
                ctx.music.appendText(v, "[K:" + cs + "]");
            }
        }
    }
}
