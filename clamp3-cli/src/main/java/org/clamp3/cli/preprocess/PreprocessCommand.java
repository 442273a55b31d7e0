package org.clamp3.cli.preprocess;

import picocli.CommandLine.Command;

/** Raw files to model inputs: the original's preprocessing/ scripts. */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = {
            "Turn raw music files into model inputs, byte-identical to the original preprocessing scripts.",
            "IN is a file or folder tree; OUT mirrors it, each output keeping its input's base name."
        },
        subcommands = {SymbolicCommand.class, Xml2AbcCommand.class, InterleaveCommand.class, Midi2MtfCommand.class,
            Mtf2MidiCommand.class, MertCommand.class, TagsCommand.class},
        footer = {
            "",
            "Example:",
            "  clamp3 preprocess midi2mtf midi/ mtf/"
        })
public final class PreprocessCommand {
}
