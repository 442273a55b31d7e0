package org.clamp3.preprocess.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Text as metadata holds it: the bounded head of a text file, bytes of unknown encoding, cleaned values. */
final class MetadataText {
    private MetadataText() {}

    /**
     * The lines of the first {@code maxBytes} of a file (line ends {@code \n}, {@code \r\n} or
     * {@code \r}; a line cut by the limit is left out), each {@link #decode decoded}, without a
     * leading byte-order mark.
     */
    static List<String> headLines(Path file, int maxBytes) {
        byte[] head;
        boolean cut;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(maxBytes);
            cut = head.length == maxBytes && in.read() >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == '\n' || head[i] == '\r') {
                lines.add(decode(head, start, i));
                if (head[i] == '\r' && i + 1 < head.length && head[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < head.length && !cut) {
            lines.add(decode(head, start, head.length));
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        return lines;
    }

    /** Bytes as UTF-8 where they are valid UTF-8, else as latin-1 (what older files and mido's MIDI texts use). */
    static String decode(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * A value as metadata keeps it, or null when nothing is left: every run of white space and
     * control characters (NUL padding, line breaks) that holds a control character becomes one
     * space, other runs stay as they are, the ends are stripped, and a value longer than {@code maxChars} is cut (never inside a
     * surrogate pair).
     */
    static String clean(String s, int maxChars) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && blank(s.charAt(i))) {
            i++;
        }
        StringBuilder sb = new StringBuilder(Math.min(n - i, maxChars + 1));
        while (i < n && sb.length() <= maxChars) {
            if (!blank(s.charAt(i))) {
                sb.append(s.charAt(i++));
                continue;
            }
            int end = i;
            boolean control = false;
            while (end < n && blank(s.charAt(end))) {
                control |= Character.isISOControl(s.charAt(end));
                end++;
            }
            if (end < n) { // not the trailing run
                sb.append(control ? " " : s.substring(i, Math.min(end, i + maxChars + 1)));
            }
            i = end;
        }
        if (sb.length() > maxChars) {
            sb.setLength(Character.isHighSurrogate(sb.charAt(maxChars - 1)) ? maxChars - 1 : maxChars);
            while (!sb.isEmpty() && blank(sb.charAt(sb.length() - 1))) {
                sb.setLength(sb.length() - 1);
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
    }
}
