package org.clamp3.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the text inputs (.txt, .abc, .mtf) as the original's {@code open(f, encoding="utf-8").read()}
 * does: strict UTF-8 (a byte-order mark is kept, as Python's utf-8 codec keeps it) with universal
 * newlines. Also size-limited, and refusing binary data, which Python would have read as text.
 */
public final class TextFiles {
    /** Far beyond any score or description; keeps a stray huge file from exhausting memory ({@link InputLimits}). */
    public static final long MAX_BYTES = InputLimits.TEXT;

    private TextFiles() {}

    public static String read(Path file) {
        byte[] bytes;
        try {
            InputLimits.check(file, InputLimits.TEXT);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file, "not valid UTF-8 text");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                throw new InvalidInputException(file, String.format("binary data (control character U+%04X at offset %d), not text", (int) c, i));
            }
        }
        // Python's text mode reads "\r\n" and a lone "\r" as "\n" (universal newlines)
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
