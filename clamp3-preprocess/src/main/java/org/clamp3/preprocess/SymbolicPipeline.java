package org.clamp3.preprocess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.preprocess.abc.AbcInterleaveException;
import org.clamp3.preprocess.abc.AbcInterleaver;
import org.clamp3.preprocess.abc.InterleavedAbc;
import org.clamp3.preprocess.midi.MidiToMtf;
import org.clamp3.preprocess.xml.XmlToAbc;

/**
 * A raw score or MIDI file all the way to what the symbolic encoder reads, as the original's
 * scripts chain it: MusicXML (.xml, .musicxml, .mxl) → xml2abc → interleaved ABC; MIDI (.mid,
 * .midi) → MTF with the m3-compatible filter.
 */
public final class SymbolicPipeline {
    public static final Set<String> XML = Set.of("xml", "musicxml", "mxl");
    public static final Set<String> MIDI = Set.of("mid", "midi");

    /** The model input: its text, its extension (abc or mtf), and warnings the steps printed. */
    public record Result(String text, String extension, List<String> warnings) {}

    private SymbolicPipeline() {}

    public static boolean handles(String extension) {
        return XML.contains(extension) || MIDI.contains(extension);
    }

    /**
     * @return the converted file, or null where the original writes nothing (a score without notes)
     * @throws InvalidInputException naming the file when a step fails
     */
    public static Result convert(Path file) {
        String ext = MirroredTree.extension(file.getFileName().toString());
        if (MIDI.contains(ext)) {
            return new Result(new String(MidiToMtf.convert(file, true), StandardCharsets.UTF_8), "mtf", List.of());
        }
        if (!XML.contains(ext)) {
            throw new InvalidInputException(file, "not a MusicXML or MIDI file");
        }
        String abc = XmlToAbc.convert(file);
        if (abc == null) {
            return null;
        }
        try {
            InterleavedAbc interleaved = AbcInterleaver.interleave(abc);
            return new Result(interleaved.text(), "abc",
                    interleaved.warnings().stream().map(w -> file + ": " + w.text()).toList());
        } catch (AbcInterleaveException e) {
            throw new InvalidInputException(file, "interleaving its ABC failed: " + e.getMessage());
        }
    }
}
