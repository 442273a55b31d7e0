package org.clamp3.cli.preprocess;

import java.util.concurrent.Callable;

import org.clamp3.core.pipeline.CoreFormats;
import org.clamp3.preprocess.midi.MidiChunks;
import org.clamp3.preprocess.midi.MtfToMidi;


import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** MTF → MIDI, like preprocessing/midi/batch_mtf2midi.py. */
@Command(name = "mtf2midi", mixinStandardHelpOptions = true,
        description = {
            "Convert MTF text files (.mtf) back to Standard MIDI Files (type 1, one track), byte-identical to the",
            "original batch_mtf2midi.py (mido 1.3). Lines with unknown_meta are skipped, as in the original;",
            "a line the original cannot parse fails the file (reported with its line number, no output)."
        },
        footer = {
            "",
            "Example:",
            "  clamp3 preprocess mtf2midi mtf/ midi/"
        })
final class Mtf2MidiCommand implements Callable<Integer> {

    @Mixin
    PerFileBatch batch = new PerFileBatch();

    @Override
    public Integer call() throws Exception {
        return batch.run("mtf2midi", CoreFormats.MTF.extensions(), "mid", ".mtf", t -> MtfToMidi.convert(t.input()),
                MidiChunks::isComplete);
    }
}
