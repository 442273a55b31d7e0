package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.clamp3.core.py.PyInt;
import org.clamp3.core.py.PyStr;

/**
 * The music of the part being read: the items of every voice in the current measure, the
 * finished measures, their lyrics, and the conversion of all of that to ABC lines once the
 * part is complete (xml2abc's {@code Music}). Voice numbers are the XML ones; the ABC voice
 * count runs on over all parts. A closed measure is put in order by {@link MeasureSorting}; a
 * voice's measure is written by {@link VoiceText}.
 */
final class VoiceBuffers {
    /** Default line length of xml2abc (neither -n nor -b given). */
    static final int CHARS_PER_LINE = 100;
    private static final long MAX_VERSE = 10_000;

    private final AbcScore score;
    private final List<String> messages;

    long time;
    private long maxTime;
    /** XML voice numbers of this part in order of first appearance. */
    private final Set<Integer> voiceIds = new LinkedHashSet<>();
    private final Map<Integer, Integer> noteCounts = new LinkedHashMap<>();
    private final Map<Integer, Integer> unpitchedCounts = new LinkedHashMap<>();
    private Map<Integer, List<VoiceItem>> voices = new LinkedHashMap<>();
    private Map<Integer, List<Map<Long, String>>> noteLyrics = new LinkedHashMap<>();
    private final List<Map<Integer, List<VoiceItem>>> measures = new ArrayList<>();
    private final List<Map<Integer, Map<Long, AbcNotation.Lyric>>> measureLyrics = new ArrayList<>();
    /** The last note or chord appended, over all parts (chord notes and grace endings attach to it). */
    NoteItem lastNote;
    private int abcVoiceCount = 1;

    VoiceBuffers(AbcScore score, List<String> messages) {
        this.score = score;
        this.messages = messages;
    }

    void startPart(Set<Integer> ids) {
        voiceIds.clear();
        voiceIds.addAll(ids);
        initVoices();
        noteCounts.clear();
        unpitchedCounts.clear();
        for (Integer v : voiceIds) {
            noteCounts.put(v, 0);
            unpitchedCounts.put(v, 0);
        }
    }

    private void initVoices() {
        voices = new LinkedHashMap<>();
        noteLyrics = new LinkedHashMap<>();
        for (Integer v : voiceIds) {
            voices.put(v, new ArrayList<>());
            noteLyrics.put(v, new ArrayList<>());
        }
    }

    private List<VoiceItem> voice(int v) {
        List<VoiceItem> items = voices.get(v);
        if (items == null) {
            throw new ConversionFailure("voice " + v + " has no notes in this part");
        }
        return items;
    }

    void countNote(int v) {
        noteCounts.merge(v, 1, Integer::sum);
    }

    void countUnpitched(int v) {
        unpitchedCounts.merge(v, 1, Integer::sum);
    }

    void advance(long dt) {
        time = PyInt.add(time, dt);
        if (time < 0) {
            time = 0; // a backup past the start of the measure
        }
        if (time > maxTime) {
            maxTime = time;
        }
    }

    /** Inserts text at the start of voice v in the current measure (it is sorted to time 0). */
    void insertText(int v, String text) {
        TextItem t = new TextItem(text);
        t.time = 0;
        voice(v).add(0, t);
    }

    void insertRepeat(int v, RepeatMark mark) {
        TextItem t = new TextItem(mark);
        t.time = 0;
        voice(v).add(0, t);
    }

    private void append(int v, VoiceItem item, long dur) {
        item.time = time;
        voice(v).add(item);
        advance(dur);
    }

    void appendText(int v, String text) {
        append(v, new TextItem(text), 0);
    }

    /** Appends text that counts as a note when deciding whether a voice is empty (dynamics, words, chord symbols). */
    void appendCountedText(int v, String text) {
        appendText(v, text);
        countNote(v);
    }

    /** Appends text at a given time of the current measure (a direction whose stop came first). */
    void appendTextAt(int v, String text, long at) {
        TextItem t = new TextItem(text);
        t.time = at;
        voice(v).add(t);
    }

    void appendNote(int v, NoteItem note, String pitch) {
        note.ns.add(note.ntdec + pitch);
        append(v, note, note.dur);
        lastNote = note;
        if (!pitch.equals("z") && !pitch.equals("x")) {
            countNote(v);
            if (!note.grace) {
                noteLyrics.get(v).add(note.lyrs);
            }
        }
    }

    /** Adds a chord note to the last note; its decorations go before the chord. */
    void addChordNote(NoteItem note, String pitch) {
        if (lastNote == null) {
            throw new ConversionFailure("chord note without a preceding note");
        }
        for (String d : note.before) {
            if (!lastNote.before.contains(d)) {
                lastNote.before.add(d);
            }
        }
        lastNote.ns.add(note.ntdec + pitch);
    }

    private TextItem lastRecord(int v) {
        if (measures.isEmpty()) {
            return null;
        }
        List<VoiceItem> items = measures.get(measures.size() - 1).get(v);
        VoiceItem last = items.get(items.size() - 1);
        if (!(last instanceof TextItem t) || t.repeat != null) {
            throw new ConversionFailure("previous measure of voice " + v + " does not end in a barline");
        }
        return t;
    }

    private boolean lastMelisma(int v, long verse) {
        if (measureLyrics.isEmpty()) {
            return false;
        }
        AbcNotation.Lyric l = measureLyrics.get(measureLyrics.size() - 1).get(v).get(verse);
        return l != null && l.melisma();
    }

    /** Closes the current measure: barlines, signatures, time order, lyrics, broken rhythms. */
    void addBar(MeasureState m) {
        if (m.nominalLength != 0 && maxTime > m.nominalLength) {
            messages.add("-- measure " + (m.index + 1) + " in part " + (m.part + 1) + " longer than metre");
        }
        time = maxTime;
        Map<Integer, Map<Long, AbcNotation.Lyric>> lyricsOfMeasure = new LinkedHashMap<>();
        for (Integer v : voiceIds) {
            if (!m.leftBar.isEmpty() || !m.volta.isEmpty()) {
                TextItem p = lastRecord(v);
                if (p != null) {
                    String x = p.str;
                    if (!m.leftBar.isEmpty()) {
                        x = (x + m.leftBar).replace(":|:", "::").replace("||", "|");
                    }
                    if (!m.volta.isEmpty()) {
                        x += m.volta;
                    }
                    p.str = x;
                } else if (!m.leftBar.isEmpty()) {
                    insertText(v, "|:");
                }
            }
            if (!m.attr.isEmpty()) {
                insertText(v, m.attr);
            }
            appendText(v, " " + m.rightBar);
            List<VoiceItem> sorted = MeasureSorting.sort(voices.get(v), m, messages);
            voices.put(v, sorted);
            List<Map<Long, String>> syllables = noteLyrics.get(v);
            long maxVerse = 0;
            for (Map<Long, String> d : syllables) {
                for (Long n : d.keySet()) {
                    maxVerse = Math.max(maxVerse, n);
                }
            }
            if (maxVerse > MAX_VERSE) {
                throw new ConversionFailure("lyric number " + maxVerse + " is too large");
            }
            Map<Long, AbcNotation.Lyric> lyrdict = new LinkedHashMap<>();
            for (long i = maxVerse; i > 0; i--) {
                List<String> xs = new ArrayList<>();
                for (Map<Long, String> d : syllables) {
                    xs.add(d.getOrDefault(i, ""));
                }
                lyrdict.put(i, AbcNotation.lyricLine(xs, lastMelisma(v, i)));
            }
            lyricsOfMeasure.put(v, lyrdict);
            MeasureSorting.makeBroken(sorted);
        }
        measures.add(voices);
        measureLyrics.add(lyricsOfMeasure);
        time = 0;
        maxTime = 0;
        initVoices();
    }

    /** Writes the voices of the finished part; returns XML voice -> ABC voice number for the voices with notes. */
    Map<Integer, Integer> outputPart(List<Long> divisions, int part, boolean sibelius) {
        Map<Integer, Integer> vvmap = new LinkedHashMap<>();
        List<Integer> keys = new ArrayList<>(voiceIds);
        if (sibelius) {
            keys.sort(null);
        }
        for (int iv : keys) {
            if (noteCounts.get(iv) == 0) {
                continue; // no real notes in this voice
            }
            List<String> bars = new ArrayList<>();
            Map<Long, List<String>> verses = new LinkedHashMap<>();
            for (int im = 0; im < measures.size(); im++) {
                bars.add(VoiceText.of(measures.get(im).get(iv), divisions.get(im)));
                addMelismas(im, iv);
                for (Map.Entry<Long, AbcNotation.Lyric> e : measureLyrics.get(im).get(iv).entrySet()) {
                    List<String> line = verses.get(e.getKey());
                    if (line != null) {
                        while (line.size() < im) {
                            line.add("");
                        }
                        line.add(e.getValue().text());
                    } else {
                        line = new ArrayList<>();
                        for (int k = 0; k < im; k++) {
                            line.add("");
                        }
                        line.add(e.getValue().text());
                        verses.put(e.getKey(), line);
                    }
                }
            }
            for (List<String> line : verses.values()) {
                while (line.size() < bars.size()) {
                    line.add("");
                }
            }
            score.addLine("V:" + abcVoiceCount);
            writeLines(bars, new TreeMap<>(verses));
            vvmap.put(iv, abcVoiceCount);
            abcVoiceCount++;
        }
        measures.clear();
        measureLyrics.clear();
        for (Integer iv : voiceIds) {
            if (unpitchedCounts.get(iv) != 0) {
                messages.add("-- part " + (part + 1) + ", voice " + iv + " has " + unpitchedCounts.get(iv) + " notes without pitch");
            }
            if (noteCounts.get(iv) == 0) {
                messages.add("-- part " + (part + 1) + ", skipped empty voice " + iv);
            }
        }
        return vvmap;
    }

    /** Fills whole lines of at most 100 characters with bars, each ending with the bar number; lyrics follow each line. */
    private void writeLines(List<String> bars, TreeMap<Long, List<String>> verses) {
        int barNumber = 0;
        int from = 0;
        while (from < bars.size()) {
            StringBuilder chunk = new StringBuilder(bars.get(from));
            int length = PyStr.len(chunk);
            int ib = 1;
            while (from + ib < bars.size()) {
                String next = bars.get(from + ib);
                int nextLength = PyStr.len(next);
                if (length + nextLength >= CHARS_PER_LINE) {
                    break;
                }
                chunk.append(next);
                length += nextLength;
                ib++;
            }
            barNumber += ib;
            score.addLine(chunk + " %" + barNumber);
            for (List<String> line : verses.values()) {
                List<String> part = line.subList(from, Math.min(from + ib, line.size()));
                score.addLine("w: " + String.join("|", part) + "|");
            }
            from += ib;
        }
    }

    /** A melisma running on from the previous measure continues over this one's notes, up to the first rest. */
    private void addMelismas(int im, int iv) {
        if (im == 0) {
            return;
        }
        Map<Long, AbcNotation.Lyric> current = measureLyrics.get(im).get(iv);
        Map<Long, AbcNotation.Lyric> previous = measureLyrics.get(im - 1).get(iv);
        for (Map.Entry<Long, AbcNotation.Lyric> e : previous.entrySet()) {
            if (!current.containsKey(e.getKey()) && e.getValue().melisma()) {
                List<String> ms = new ArrayList<>();
                for (VoiceItem item : measures.get(im).get(iv)) {
                    if (!(item instanceof NoteItem note) || note.grace) {
                        continue;
                    }
                    if (note.isRest()) {
                        break;
                    }
                    ms.add("_");
                }
                String melisma = String.join(" ", ms);
                if (!melisma.isEmpty()) {
                    current.put(e.getKey(), new AbcNotation.Lyric(melisma, false));
                }
            }
        }
    }

}
