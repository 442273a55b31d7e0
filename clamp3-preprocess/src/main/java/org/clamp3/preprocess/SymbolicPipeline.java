package org.clamp3.preprocess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.preprocess.abc.AbcInterleaveException;
import org.clamp3.preprocess.abc.AbcInterleaver;
import org.clamp3.preprocess.abc.InterleavedAbc;
import org.clamp3.preprocess.midi.MidiToMtf;
import org.clamp3.preprocess.xml.XmlToAbc;

/**
 * A raw score or MIDI file all the way to what the symbolic encoder reads, as the original's
 * scripts chain it: MusicXML (.xml, .musicxml, .mxl) → xml2abc → interleaved ABC; MIDI (.mid,
 * .midi) → MTF with the m3-compatible filter. Each source kind is one constant.
 */
public enum SymbolicPipeline {
    MUSICXML("musicxml", Set.of("xml", "musicxml", "mxl"), "abc") {
        @Override
        public Result convert(Path file) {
            String abc = XmlToAbc.convert(file);
            if (abc == null) {
                return null;
            }
            try {
                InterleavedAbc interleaved = AbcInterleaver.interleave(abc);
                return new Result(interleaved.text(), outputExtension(),
                        interleaved.warnings().stream().map(w -> file + ": " + w.text()).toList());
            } catch (AbcInterleaveException e) {
                throw new InvalidInputException(file, "interleaving its ABC failed: " + e.getMessage());
            }
        }
    },
    MIDI("midi", Set.of("mid", "midi"), "mtf") {
        @Override
        public Result convert(Path file) {
            return new Result(new String(MidiToMtf.convert(file, true), StandardCharsets.UTF_8), outputExtension(), List.of());
        }
    };

    /** The model input: its text, its extension (abc or mtf), and warnings the steps printed. */
    public record Result(String text, String extension, List<String> warnings) {}

    private final String formatName;
    private final Set<String> extensions;
    private final String outputExtension;

    SymbolicPipeline(String formatName, Set<String> extensions, String outputExtension) {
        this.formatName = formatName;
        this.extensions = extensions;
        this.outputExtension = outputExtension;
    }

    /** The input format's name in the registry. */
    public String formatName() {
        return formatName;
    }

    /** Lower-case extensions of the raw files, without the dot. */
    public Set<String> extensions() {
        return extensions;
    }

    /** What the converted file is: abc or mtf. */
    public String outputExtension() {
        return outputExtension;
    }

    /**
     * @return the converted file, or null where the original writes nothing (a score without notes)
     * @throws InvalidInputException naming the file when a step fails
     */
    public abstract Result convert(Path file);
}
