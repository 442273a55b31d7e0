package org.clamp3.preprocess.xml;

/** Something placed in one voice of one measure at a time in XML divisions: a note/chord/rest or a piece of ABC text. */
abstract sealed class VoiceItem permits NoteItem, TextItem {
    /** Onset in XML divisions from the start of the measure. */
    long time;
}
