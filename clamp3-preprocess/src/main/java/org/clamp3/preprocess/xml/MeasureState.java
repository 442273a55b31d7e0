package org.clamp3.preprocess.xml;

/** What is known about the measure being read: its number, divisions, metre and barlines. */
final class MeasureState {
    /** Part index (0-based). */
    final int part;
    /** Measure index (0-based) within the part. */
    int index;
    /** Nominal length of the measure in divisions (from the metre). */
    long nominalLength;
    /** Divisions per quarter note. */
    long divs;
    long beats = 4;
    long beatType = 4;
    /** Inline fields ([K:..][M:..]) for the start of the measure. */
    String attr;
    /** ":" when the measure starts a repeat. */
    String leftBar;
    String rightBar;
    /** Volta number (or quoted text) starting at this measure. */
    String volta;

    MeasureState(int part) {
        this.part = part;
        reset();
    }

    void reset() {
        attr = "";
        leftBar = "";
        rightBar = "|";
        volta = "";
    }
}
