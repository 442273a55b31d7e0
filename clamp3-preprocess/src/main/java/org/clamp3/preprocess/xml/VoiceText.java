package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.py.PyInt;

/**
 * The ABC text of one voice in one measure, as xml2abc's {@code outVoice} writes it: tuplet
 * prefixes (nested ones included), decorations, chords, ties and lengths in units of L:1/8.
 */
final class VoiceText {
    /** -d 8: every duration is written relative to L:1/8. */
    static final int UNIT = 8;
    private static final int MAX_TUPLET_NESTING = 400;

    private VoiceText() {}

    /** The ABC text of one voice in one measure. */
    static String of(List<VoiceItem> measure, long divs) {
        int ix = 0;
        while (ix < measure.size()) { // tuplet prefixes, nested ones included
            if (measure.get(ix) instanceof NoteItem nx && nx.fact != null && !nx.grace) {
                ix = (int) insertTuplet(ix, measure, 1, 1, 0)[0];
            }
            ix += 1;
        }
        StringBuilder vs = new StringBuilder();
        for (VoiceItem item : measure) {
            String s;
            boolean nospace;
            if (item instanceof NoteItem nx) {
                String dur = AbcNotation.duration(nx, divs, UNIT);
                boolean chord = nx.ns.size() > 1;
                List<String> tiedless = new ArrayList<>();
                for (String nt : nx.ns) {
                    if (nt.endsWith("-")) {
                        tiedless.add(nt.substring(0, nt.length() - 1));
                    }
                }
                String tie = "";
                if (chord && tiedless.size() == nx.ns.size()) { // every chord note tied: one tie for the chord
                    nx.ns = tiedless;
                    tie = "-";
                }
                StringBuilder sb = new StringBuilder(nx.tupabc);
                for (String b : nx.before) {
                    sb.append(b);
                }
                if (chord) {
                    sb.append('[');
                }
                for (String nt : nx.ns) {
                    sb.append(nt);
                }
                if (chord) {
                    sb.append(']').append(tie);
                }
                s = sb.toString();
                if (s.endsWith("-")) { // the tie goes after the length
                    s = s.substring(0, s.length() - 1);
                    tie = "-";
                }
                s = s + dur + tie + nx.after;
                nospace = nx.beam != 0;
            } else {
                s = ((TextItem) item).resolve();
                nospace = true;
            }
            if (!nospace) {
                vs.append(' ');
            }
            vs.append(s);
        }
        String out = vs.toString();
        out = replaceAll(out, "!ped!!ped!", "!ped!");
        out = replaceAll(out, "!ped-up!!ped-up!", "!ped-up!");
        out = replaceAll(out, "!8va(!!8va)!", ""); // empty ottava
        return out;
    }

    private static String replaceAll(String s, String what, String by) {
        while (s.contains(what)) {
            s = s.replace(what, by);
        }
        return s;
    }

    /**
     * Reads one (possibly nested) tuplet starting at ix and puts its prefix on its first note.
     * Returns {index of its last note, number of notes}. fn/fd is the enclosing tuplet's time modification.
     */
    private static long[] insertTuplet(int ix, List<VoiceItem> notes, long fn, long fd, int depth) {
        if (depth > MAX_TUPLET_NESTING) {
            throw new ConversionFailure("tuplets nested too deeply");
        }
        long count = 0;
        NoteItem nx = (NoteItem) notes.get(ix);
        nx.tup.remove("start");
        int tix = ix;
        if (nx.fact == null) {
            throw new ConversionFailure("tuplet start on a note without time modification");
        }
        long tn = PyInt.floorDiv(nx.fact[0], fn);
        long td = PyInt.floorDiv(nx.fact[1], fd);
        Integer lastIx = null;
        while (ix < notes.size()) {
            VoiceItem item = notes.get(ix);
            if (item instanceof TextItem || ((NoteItem) item).grace) {
                ix += 1;
                continue;
            }
            nx = (NoteItem) item;
            if (nx.tup.contains("start")) {
                long[] r = insertTuplet(ix, notes, tn, td, depth + 1);
                ix = (int) r[0];
                count += r[1];
            } else if (nx.fact != null) {
                count += 1;
            }
            if (nx.tup.contains("stop")) {
                nx.tup.remove("stop");
                break;
            }
            if (nx.fact == null) { // the tuplet ends at the first note outside it
                if (lastIx == null) {
                    throw new ConversionFailure("tuplet without notes");
                }
                ix = lastIx;
                break;
            }
            lastIx = ix;
            ix += 1;
        }
        String prefix = tn == 3 && td == 2 && count == 3 ? "(3" : "(" + tn + ":" + td + ":" + count;
        NoteItem first = (NoteItem) notes.get(tix);
        first.tupabc = prefix + first.tupabc;
        return new long[] {ix, count};
    }
}
