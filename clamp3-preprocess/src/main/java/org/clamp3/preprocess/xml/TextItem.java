package org.clamp3.preprocess.xml;

/** ABC text that takes no time: a barline, a decoration, an inline field, an annotation. */
final class TextItem extends VoiceItem {
    String str;
    /** For a measure repeat: its text is only known when the repeat ends, so it is read from here. */
    final RepeatMark repeat;

    TextItem(String str) {
        this.str = str;
        this.repeat = null;
    }

    TextItem(RepeatMark repeat) {
        this.repeat = repeat;
    }

    /** The text as output: a measure repeat's final text replaces the placeholder. */
    String resolve() {
        if (repeat != null) {
            if (repeat.abc == null) {
                throw new ConversionFailure("measure repeat that was never closed");
            }
            str = repeat.abc;
        }
        return str;
    }
}
