/**
 * MusicXML to ABC as the original's xml2abc.py (version 143, {@code -d 8 -x}) writes it.
 * {@link org.clamp3.preprocess.xml.XmlToAbc} is the entry point; {@code MusicXmlReader} reads
 * .xml/.musicxml/.mxl safely into {@code XmlElement}s (or only the header before the first part);
 * {@code ScoreParser} walks parts and measures and hands notes, attributes and directions to
 * {@code NoteReader}, {@code AttributeReader} and {@code DirectionReader} (sharing a
 * {@code ParseContext}); {@code VoiceBuffers} collects the
 * music of a part, {@code MeasureSorting} orders a closed measure, {@code VoiceText} writes a
 * voice's measure, {@code AbcScore} the header. Python built-ins come from
 * {@code org.clamp3.core.py}.
 *
 * <p>Imports core only; nothing from train, cli or picocli.
 */
package org.clamp3.preprocess.xml;
