package org.clamp3.cli.preprocess;

import java.util.concurrent.Callable;

import org.clamp3.preprocess.RawFormats;
import org.clamp3.preprocess.xml.XmlToAbc;

import org.clamp3.core.pipeline.OutputCheck;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** MusicXML → ABC, like preprocessing/abc/batch_xml2abc.py (xml2abc.py -d 8 -x). */
@Command(name = "xml2abc", mixinStandardHelpOptions = true,
        description = {
            "Convert MusicXML (.xml, .musicxml, compressed .mxl) to ABC, byte-identical to the original",
            "batch_xml2abc.py, which runs xml2abc.py (version 143) with -d 8 -x: unit length 1/8, no line",
            "breaks from the score, lines wrapped at 100 characters with bar-number comments.",
            "A score without notes gets no output, as in the original; a score the original cannot",
            "convert is reported and gets no output."
        },
        footer = {
            "",
            "Example:",
            "  clamp3 preprocess xml2abc scores/ abc/",
            "  xml2abc: 120 written, 1 gave no output"
        })
public final class Xml2AbcCommand implements Callable<Integer> {

    @Mixin
    PerFileBatch batch = new PerFileBatch();

    @Override
    public Integer call() throws Exception {
        return batch.run("xml2abc", RawFormats.MUSICXML.extensions(), "abc", ".xml, .musicxml or .mxl",
                t -> XmlToAbc.convertToBytes(t.input()), OutputCheck.LEDGER);
    }
}
