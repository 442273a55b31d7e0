package org.clamp3.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.clamp3.core.io.MirroredTree;
import org.clamp3.index.IndexEntry;
import org.clamp3.preprocess.midi.MidiFile;
import org.clamp3.preprocess.midi.MidiFileReader;
import org.clamp3.preprocess.midi.MtfToMidi;
import org.clamp3.preprocess.xml.XmlToAbc;

/**
 * The files behind index entries, and the forms a browser can use: audio as it is, scores as ABC
 * (MusicXML converted), MIDI (MTF converted) and note lists for playback. A file is found only
 * through an entry of the index, and only when it lies inside the indexed folder after symbolic
 * links are resolved: nothing a request says reaches the file system.
 */
final class MediaFiles {
    /** Notes sent for one item at most. */
    static final int MAX_NOTES = 50_000;

    private static final Map<String, String> AUDIO_TYPES = Map.of("wav", "audio/wav", "mp3", "audio/mpeg",
            "flac", "audio/flac", "ogg", "audio/ogg");

    private final Path root;
    private final Path realRoot;

    MediaFiles(Path sourceRoot) throws IOException {
        this.root = sourceRoot.toAbsolutePath().normalize();
        this.realRoot = Files.isDirectory(root) ? root.toRealPath() : null;
    }

    /** What a page does with an entry: audio, score, midi, text, or feature (nothing to show). */
    static String kind(IndexEntry e) {
        return kind(e.modality(), e.path());
    }

    static String kind(String modality, String path) {
        String ext = MirroredTree.extension(path);
        return switch (modality) {
            case "audio" -> AUDIO_TYPES.containsKey(ext) ? "audio" : "feature";
            case "symbolic" -> ext.equals("mid") || ext.equals("midi") || ext.equals("mtf") ? "midi" : "score";
            case "text" -> "text";
            default -> "feature";
        };
    }

    /** The entry's file, if it is a regular file inside the indexed folder. */
    Optional<Path> file(IndexEntry e) throws IOException {
        if (realRoot == null || e.path() == null || e.path().indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Path file = root.resolve(e.path()).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path real = file.toRealPath();
        return real.startsWith(realRoot) ? Optional.of(real) : Optional.empty();
    }

    /** A file's bytes in the form a browser plays or shows, with its content type. */
    record Media(String contentType, byte[] bytes, Path file) {}

    /** For audio: the file itself (served with ranges); for the rest, converted bytes. */
    Media media(IndexEntry e, Path file) throws IOException {
        String ext = MirroredTree.extension(file.getFileName().toString());
        return switch (kind(e)) {
            case "audio" -> new Media(AUDIO_TYPES.get(ext), null, file);
            case "score" -> new Media("text/vnd.abc; charset=utf-8", abc(file, ext), null);
            case "midi" -> new Media("audio/midi", ext.equals("mtf") ? MtfToMidi.convert(file) : Files.readAllBytes(file), null);
            case "text" -> new Media("text/plain; charset=utf-8", Files.readAllBytes(file), null);
            default -> throw new HttpError(404, "item '" + e.key() + "' has no media (a feature file)");
        };
    }

    private static byte[] abc(Path file, String ext) throws IOException {
        if (ext.equals("abc")) {
            return Files.readAllBytes(file);
        }
        String abc = XmlToAbc.convert(file);
        if (abc == null) {
            throw new HttpError(422, "this score converts to no ABC (no notes)");
        }
        return abc.getBytes(StandardCharsets.UTF_8);
    }

    /** The notes of a MIDI or MTF item, for playback in the page. */
    List<MidiFile.Note> notes(IndexEntry e, Path file) {
        String ext = MirroredTree.extension(file.getFileName().toString()).toLowerCase(Locale.ROOT);
        MidiFile midi = switch (ext) {
            case "mid", "midi" -> MidiFileReader.read(file);
            case "mtf" -> MidiFileReader.read(MtfToMidi.convert(file));
            default -> throw new HttpError(404, "item '" + e.key() + "' is not MIDI");
        };
        return midi.notes(MAX_NOTES);
    }
}
