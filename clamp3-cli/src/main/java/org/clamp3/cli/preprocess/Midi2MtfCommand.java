package org.clamp3.cli.preprocess;

import java.util.concurrent.Callable;

import org.clamp3.preprocess.RawFormats;
import org.clamp3.preprocess.midi.MidiToMtf;

import picocli.CommandLine;
import org.clamp3.core.pipeline.OutputCheck;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** MIDI → MTF, like preprocessing/midi/batch_midi2mtf.py. */
@Command(name = "midi2mtf", mixinStandardHelpOptions = true,
        description = {
            "Convert MIDI files (.mid, .midi) to MTF text, byte-identical to the original batch_midi2mtf.py (mido 1.3).",
            "By default text-like meta messages (text, copyright, track_name, instrument_name, lyrics, marker,",
            "cue_marker, device_name) are dropped, as the original's --m3_compatible does; CLaMP 3 needs that.",
            "A file mido cannot read is reported and gets no output."
        },
        footer = {
            "",
            "Examples:",
            "  clamp3 preprocess midi2mtf midi/ mtf/",
            "  clamp3 preprocess midi2mtf song.mid mtf/ --keep-meta"
        })
final class Midi2MtfCommand implements Callable<Integer> {

    @Option(names = "--keep-meta",
            description = "Keep the text-like meta messages (the original without --m3_compatible); not for CLaMP 3.")
    boolean keepMeta;

    @Option(names = {"--m3-compatible", "--m3_compatible"}, hidden = true,
            description = "Accepted for scripts written for the original; this is the default.")
    boolean m3Compatible;

    @Mixin
    PerFileBatch batch = new PerFileBatch();

    @Override
    public Integer call() throws Exception {
        if (keepMeta && m3Compatible) {
            throw new CommandLine.ParameterException(batch.tree.commandLine(), "--keep-meta and --m3-compatible contradict each other");
        }
        boolean m3 = !keepMeta;
        return batch.run("midi2mtf", RawFormats.MIDI.extensions(), "mtf", ".mid or .midi", t -> MidiToMtf.convert(t.input(), m3),
                OutputCheck.LEDGER);
    }
}
