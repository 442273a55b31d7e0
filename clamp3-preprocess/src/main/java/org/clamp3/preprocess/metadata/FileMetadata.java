package org.clamp3.preprocess.metadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.pipeline.CoreFormats;
import org.clamp3.preprocess.SymbolicPipeline;
import org.clamp3.preprocess.audio.AudioTags;
import org.clamp3.preprocess.audio.codec.AudioDecoder;
import org.clamp3.preprocess.midi.MidiFile;
import org.clamp3.preprocess.midi.MidiFileReader;
import org.clamp3.preprocess.midi.MidiFormatException;
import org.clamp3.preprocess.xml.MusicXmlReader;
import org.clamp3.preprocess.xml.XmlElement;

/**
 * The descriptive metadata of one input file, by its (lower-case) extension, in a fixed key order:
 * <ul>
 * <li>audio ({@code wav, mp3, flac, ogg}): {@link AudioTags#asMetadata()}: {@code title},
 *     {@code artists} (list), {@code album}, {@code genres} (list), {@code year},
 *     {@code language}, {@code duration} (seconds);</li>
 * <li>MusicXML ({@code xml, musicxml, mxl}, header only, through {@link MusicXmlReader#readHeader}):
 *     {@code title} (work-title, else movement-title), {@code movement} (the movement-title when
 *     there is a different work-title), {@code composer}, {@code lyricist}, {@code arranger}
 *     (identification/creator by type);</li>
 * <li>ABC ({@code abc}, the first tune's header within the first {@value #MAX_HEAD_BYTES} bytes):
 *     {@code title} (the first T:), {@code subtitles} (list: the other T: fields), {@code composer}
 *     (the C: fields);</li>
 * <li>MIDI ({@code mid, midi}): {@code tracks} (list of track names, track by track),
 *     {@code duration} (seconds, mido's {@code MidiFile.length}; not for type 2 or SMPTE files);</li>
 * <li>MTF ({@code mtf}, within the first {@value #MAX_HEAD_BYTES} bytes): {@code tracks} (the
 *     track_name messages of the merged track; m3-compatible MTF has none);</li>
 * <li>anything else (text, {@code .npy} features): nothing.</li>
 * </ul>
 * Several creators of one type or several C: fields are one string, joined with {@code "; "}.
 * Strings are cleaned (runs of white space holding a line break or other control character become
 * one space, the ends are stripped) and cut to {@value #MAX_CHARS} characters; lists keep at most
 * {@value #MAX_LIST} values; empty values, empty lists and non-positive durations are left out.
 */
public final class FileMetadata {
    /** Longest string value kept; longer ones are cut. */
    public static final int MAX_CHARS = 1_000;
    /** Most values kept in a list (track names, subtitles, artists, genres). */
    public static final int MAX_LIST = 1_000;
    /** How much of an ABC or MTF file is read for its header fields or track names. */
    public static final int MAX_HEAD_BYTES = 4 << 20;

    private static final String JOIN = "; ";

    private FileMetadata() {}

    /**
     * The metadata of {@code file}, an empty (modifiable) map when it has none or cannot be read:
     * metadata is optional, so no exception comes out of here but {@code Error}s.
     */
    public static Map<String, Object> read(Path file) {
        try {
            String ext = file.getFileName() == null ? "" : MirroredTree.extension(file.getFileName().toString());
            return tidy(raw(file, ext));
        } catch (RuntimeException e) {
            return new LinkedHashMap<>();
        }
    }

    private static Map<String, Object> raw(Path file, String ext) {
        if (AudioDecoder.EXTENSIONS.contains(ext)) {
            return AudioTags.read(file).asMetadata();
        }
        if (SymbolicPipeline.MUSICXML.extensions().contains(ext)) {
            return musicXml(MusicXmlReader.readHeader(file));
        }
        if (SymbolicPipeline.MIDI.extensions().contains(ext)) {
            return midi(MidiFileReader.read(file));
        }
        if (CoreFormats.ABC.extensions().contains(ext)) {
            return abc(AbcHeader.parse(MetadataText.headLines(file, MAX_HEAD_BYTES)));
        }
        if (CoreFormats.MTF.extensions().contains(ext)) {
            return Map.of("tracks", MidiNames.ofMtf(MetadataText.headLines(file, MAX_HEAD_BYTES)));
        }
        return Map.of();
    }

    private static Map<String, Object> musicXml(XmlElement root) {
        Map<String, Object> m = new LinkedHashMap<>();
        String work = MetadataText.clean(root.findText("work/work-title"), MAX_CHARS);
        String movement = MetadataText.clean(root.findText("movement-title"), MAX_CHARS);
        putIfPresent(m, "title", work != null ? work : movement);
        if (work != null && movement != null && !work.equals(movement)) {
            m.put("movement", movement);
        }
        for (String role : List.of("composer", "lyricist", "arranger")) {
            List<String> names = new ArrayList<>();
            for (XmlElement creator : root.findAll("identification/creator")) {
                if (role.equals(creator.get("type"))) {
                    names.add(creator.text());
                }
            }
            putIfPresent(m, role, joined(names));
        }
        return m;
    }

    private static Map<String, Object> abc(AbcHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> titles = cleaned(h.titles);
        if (!titles.isEmpty()) {
            m.put("title", titles.get(0));
            m.put("subtitles", titles.subList(1, titles.size()));
        }
        putIfPresent(m, "composer", joined(h.composers));
        return m;
    }

    private static Map<String, Object> midi(MidiFile midi) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tracks", MidiNames.of(midi));
        try {
            m.put("duration", Math.round(midi.lengthSeconds() * 1e6) / 1e6); // to the microsecond, as audio's
        } catch (MidiFormatException e) {
            // type 2 or SMPTE timing: no length in seconds
        }
        return m;
    }

    /** The cleaned values of a list joined with "; ", or null when none is left. */
    private static String joined(List<String> values) {
        List<String> kept = cleaned(values);
        return kept.isEmpty() ? null : MetadataText.clean(String.join(JOIN, kept), MAX_CHARS);
    }

    private static List<String> cleaned(List<?> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            String s = v instanceof String str ? MetadataText.clean(str, MAX_CHARS) : null;
            if (s != null && out.size() < MAX_LIST) {
                out.add(s);
            }
        }
        return out;
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** The rules of the class comment over every reader's map: strings cleaned, lists bounded, nothing empty. */
    private static Map<String, Object> tidy(Map<String, Object> raw) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s) {
                putIfPresent(m, e.getKey(), MetadataText.clean(s, MAX_CHARS));
            } else if (v instanceof List<?> list) {
                List<String> kept = cleaned(list);
                if (!kept.isEmpty()) {
                    m.put(e.getKey(), List.copyOf(kept));
                }
            } else if (v instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
                m.put(e.getKey(), n);
            }
        }
        return m;
    }
}
