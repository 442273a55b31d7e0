package org.clamp3.preprocess.xml;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.py.PyError;
import org.clamp3.core.py.PyOsPath;

/**
 * MusicXML to ABC exactly as the original CLaMP 3 preprocessing makes it: Willem Vree's xml2abc
 * (version 143) run with {@code -d 8 -x}, i.e. unit length 1/8, no line breaks taken from the score,
 * lines wrapped at 100 characters with a bar-number comment, and the empty line xml2abc prints after
 * the tune. A score without notes gives no ABC at all ({@code null}), as the original then writes no file.
 * Scores the original cannot convert (it stops with an exception) give an {@link InvalidInputException}.
 * Thread-safe: every call works on its own state.
 */
public final class XmlToAbc {

    /** The ABC text (null when the score has no notes) and xml2abc's diagnostics (its stderr lines). */
    public record Result(String abc, List<String> messages) {}

    private XmlToAbc() {}

    /** Converts an .xml, .musicxml or .mxl file; null when it has no notes. */
    public static String convert(Path file) {
        return convertWithMessages(file).abc();
    }

    /** Converts an .xml, .musicxml or .mxl file, keeping the diagnostics. */
    public static Result convertWithMessages(Path file) {
        return convert(MusicXmlReader.read(file), file);
    }

    /** Converts a parsed score; {@code source} names it in messages. */
    public static Result convert(XmlElement root, Path source) {
        List<String> messages = new ArrayList<>();
        try {
            // xml2abc names its output after the input and mentions that name
            String abcName = PyOsPath.splitext(String.valueOf(source))[0] + ".abc";
            String abc = new ScoreParser(messages).convert(root, abcName);
            return new Result(abc, List.copyOf(messages));
        } catch (ConversionFailure | PyError e) {
            throw new InvalidInputException(source, "xml2abc cannot convert this score: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new InvalidInputException(source, "xml2abc cannot convert this score: nested too deeply");
        }
    }

    /** The file's ABC as UTF-8 bytes, or null when it has no notes (for batch conversion). */
    public static byte[] convertToBytes(Path file) {
        String abc = convert(file);
        return abc == null ? null : abc.getBytes(StandardCharsets.UTF_8);
    }
}
