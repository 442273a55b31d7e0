package org.clamp3.core.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clamp3.core.io.InvalidInputException;

/**
 * Reads a text, ABC or MTF input file the way the original's
 * {@code open(filename, "r", encoding="utf-8").read()} does: strict UTF-8 and Python's
 * universal newlines, so {@code "\r\n"} and a lone {@code "\r"} both become {@code "\n"}.
 * A byte-order mark is kept as the character U+FEFF, as Python's "utf-8" codec keeps it.
 */
public final class SourceText {

    private SourceText() {}

    /**
     * @throws InvalidInputException if the file is not valid UTF-8
     * @throws IOException if it cannot be read
     */
    public static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file, "not valid UTF-8 text");
        }
        return universalNewlines(text);
    }

    /** Replaces {@code "\r\n"} and lone {@code "\r"} with {@code "\n"}. */
    public static String universalNewlines(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
