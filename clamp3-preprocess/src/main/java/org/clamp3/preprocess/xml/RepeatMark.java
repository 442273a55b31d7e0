package org.clamp3.preprocess.xml;

/** A measure-repeat (start ... stop) on one staff; {@link #abc} is filled in when it closes. */
final class RepeatMark {
    final int startMeasure;
    final String text;
    String abc;

    RepeatMark(int startMeasure, String text) {
        this.startMeasure = startMeasure;
        this.text = text;
    }
}
