package org.clamp3.preprocess.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.io.InvalidInputException;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.exceptions.CannotReadException;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

/**
 * The descriptive tags of an audio file (ID3, Vorbis comments, RIFF INFO), read with JAudioTagger.
 * JAudioTagger logs every oddity of every file through java.util.logging (logger
 * {@code org.jaudiotagger}); whether those messages are shown is the application's choice.
 * Values are trimmed (RIFF INFO strings carry NUL padding); empty ones count as absent.
 *
 * @param durationSeconds the audio's length from its header
 */
public record AudioTags(String title, List<String> artists, String album, List<String> genres, String year,
                        String language, double durationSeconds) {
    /** Reads the tags of {@code file}; a file without tags gives empty fields and its duration. */
    public static AudioTags read(Path file) {
        AudioFile audio;
        try {
            audio = readAudioFile(file);
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidInputException(file, "cannot read tags: " + why.lines().findFirst().orElse(why), e);
        }
        Tag tag = audio.getTag();
        double precise = audio.getAudioHeader() == null ? 0 : audio.getAudioHeader().getPreciseTrackLength();
        // to the microsecond: some headers give a float, whose widening prints as 2.200000047683716
        double duration = Math.round(precise * 1e6) / 1e6;
        if (tag == null) {
            return new AudioTags(null, List.of(), null, List.of(), null, null, duration);
        }
        return new AudioTags(first(tag, FieldKey.TITLE), all(tag, FieldKey.ARTIST), first(tag, FieldKey.ALBUM),
                all(tag, FieldKey.GENRE), first(tag, FieldKey.YEAR), first(tag, FieldKey.LANGUAGE), duration);
    }

    /** By extension first, as JAudioTagger prefers; by content for a file whose name does not say what it is. */
    private static AudioFile readAudioFile(Path file) throws Exception {
        try {
            return AudioFileIO.read(file.toFile());
        } catch (CannotReadException e) {
            return AudioFileIO.readMagic(file.toFile());
        }
    }

    /**
     * The tags in CLaMP 3's training-metadata field names ({@code title}, {@code artists},
     * {@code genres}, ...), absent ones left out, plus {@code album}, {@code year} and
     * {@code duration} in seconds.
     */
    public Map<String, Object> asMetadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfPresent(m, "title", title);
        if (!artists.isEmpty()) {
            m.put("artists", artists);
        }
        putIfPresent(m, "album", album);
        if (!genres.isEmpty()) {
            m.put("genres", genres);
        }
        putIfPresent(m, "year", year);
        putIfPresent(m, "language", language);
        m.put("duration", durationSeconds);
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String first(Tag tag, FieldKey key) {
        List<String> values = all(tag, key);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> all(Tag tag, FieldKey key) {
        List<String> out = new ArrayList<>();
        try {
            for (String v : tag.getAll(key)) {
                String clean = v == null ? "" : v.replace("\0", "").strip();
                if (!clean.isEmpty() && !out.contains(clean)) {
                    out.add(clean);
                }
            }
        } catch (RuntimeException e) {
            // a tag format without this field (e.g. LANGUAGE in RIFF INFO)
        }
        return out;
    }
}
