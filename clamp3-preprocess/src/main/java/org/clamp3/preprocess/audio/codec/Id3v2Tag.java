package org.clamp3.preprocess.audio.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two facts libsox takes from an ID3v2 tag at the start of an MP3 file: how many bytes it
 * occupies (the tag, a footer, and the zero padding after it that libsox skips while the tag
 * fits its first 8 KiB read), and its length frame TLEN (milliseconds as text), which libsox
 * announces as the stream's length. Versions 2.2 to 2.4, unsynchronisation and extended
 * headers are understood; compressed or encrypted frames are skipped. Reads at most the tag.
 */
final class Id3v2Tag {
    /** libsox's read buffer (sox_globals.bufsiz): padding after a tag is counted only within it. */
    private static final int SOX_BUFFER = 8192;

    /** Bytes from the start of the file to the first byte after the tag and its padding; 0 without a tag. */
    final long size;
    /** The TLEN value in milliseconds, or 0 when the tag has none (or none libsox would accept). */
    final long lengthMillis;

    private Id3v2Tag(long size, long lengthMillis) {
        this.size = size;
        this.lengthMillis = lengthMillis;
    }

    static final Id3v2Tag NONE = new Id3v2Tag(0, 0);

    /**
     * @param leadingZeros zero bytes before the tag, which libsox skips before it looks
     */
    static Id3v2Tag read(FileChannel ch, long leadingZeros) throws IOException {
        long fileSize = ch.size();
        ByteBuffer head = ByteBuffer.allocate(10);
        ch.read(head, leadingZeros);
        byte[] h = head.array();
        if (head.position() < 10 || h[0] != 'I' || h[1] != 'D' || h[2] != '3' || (h[3] & 0xFF) == 0xFF
                || (h[4] & 0xFF) == 0xFF || (h[6] | h[7] | h[8] | h[9]) < 0) {
            return NONE;
        }
        int version = h[3];
        int flags = h[5] & 0xFF;
        long bodySize = syncsafe(h, 6);
        long size = 10 + bodySize + ((flags & 0x10) != 0 ? 10 : 0);
        long available = Math.min(fileSize, SOX_BUFFER) - leadingZeros;
        if (size < available) { // libsox also consumes the zero padding that follows, within its buffer
            ByteBuffer rest = ByteBuffer.allocate((int) (available - size));
            ch.read(rest, leadingZeros + size);
            int i = 0;
            while (i < rest.position() && rest.get(i) == 0) {
                i++;
            }
            size += i;
        }
        long body = Math.min(bodySize, Math.max(0, fileSize - leadingZeros - 10));
        ByteBuffer data = ByteBuffer.allocate((int) Math.min(body, 16 << 20));
        ch.read(data, leadingZeros + 10);
        byte[] tag = data.array();
        if (version < 4 && (flags & 0x80) != 0) {
            tag = deunsynchronise(tag, 0, tag.length);
        }
        return new Id3v2Tag(size, lengthMillis(tag, version, flags));
    }

    /** The TLEN frame's value as libsox reads it (strtoul, accepted when positive), or 0. */
    private static long lengthMillis(byte[] tag, int version, int flags) {
        int at = 0;
        if ((flags & 0x40) != 0 && version >= 3) { // extended header
            if (tag.length < 4) {
                return 0;
            }
            long ext = version == 3 ? be32(tag, 0) + 4 : syncsafe(tag, 0);
            at = (int) Math.min(ext, tag.length);
        }
        int idLength = version == 2 ? 3 : 4;
        int headerLength = version == 2 ? 6 : 10;
        while (at + headerLength <= tag.length) {
            String id = new String(tag, at, idLength, StandardCharsets.ISO_8859_1);
            if (id.charAt(0) == 0) {
                break; // padding
            }
            long frameSize = version == 2 ? be24(tag, at + 3) : version == 3 ? be32(tag, at + 4) : syncsafe(tag, at + 4);
            int formatFlags = version == 2 ? 0 : tag[at + 9] & 0xFF;
            int start = at + headerLength;
            if (frameSize < 0 || frameSize > tag.length - start) {
                break;
            }
            int end = (int) (start + frameSize);
            boolean skipped = version == 3 ? (formatFlags & 0xC0) != 0 : version == 4 && (formatFlags & 0x0C) != 0;
            if ((id.equals("TLEN") || id.equals("TLE")) && !skipped) {
                byte[] value = Arrays.copyOfRange(tag, start, end);
                if (version == 4 && ((formatFlags & 0x02) != 0 || (flags & 0x80) != 0)) {
                    value = deunsynchronise(value, 0, value.length);
                }
                if (version == 4 && (formatFlags & 0x01) != 0 && value.length >= 4) {
                    value = Arrays.copyOfRange(value, 4, value.length); // data length indicator
                }
                return strtoulPositive(text(value));
            }
            at = end;
        }
        return 0;
    }

    /** A text frame's first string. */
    private static String text(byte[] frame) {
        if (frame.length == 0) {
            return "";
        }
        Charset cs;
        switch (frame[0]) {
            case 1:
                cs = StandardCharsets.UTF_16;
                break;
            case 2:
                cs = StandardCharsets.UTF_16BE;
                break;
            case 3:
                cs = StandardCharsets.UTF_8;
                break;
            default:
                cs = StandardCharsets.ISO_8859_1;
        }
        String s = new String(frame, 1, frame.length - 1, cs);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    /** C's strtoul(s, NULL, 10) when it gives a value in (0, ULONG_MAX); 0 otherwise. */
    static long strtoulPositive(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        boolean any = false;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            any = true;
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                return 0; // overflow: ULONG_MAX, refused
            }
            long next = v * 10 + (s.charAt(i) - '0');
            if (Long.compareUnsigned(next, v) < 0) {
                return 0;
            }
            v = next;
        }
        if (!any || v == 0) {
            return 0;
        }
        if (negative) { // strtoul negates in unsigned arithmetic: -1 is ULONG_MAX (refused), others are huge
            return v == 1 ? 0 : Long.MAX_VALUE;
        }
        return v;
    }

    private static byte[] deunsynchronise(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            out.write(b[i]);
            if ((b[i] & 0xFF) == 0xFF && i + 1 < to && b[i + 1] == 0) {
                i++;
            }
        }
        return out.toByteArray();
    }

    private static long syncsafe(byte[] b, int at) {
        return (long) (b[at] & 0x7F) << 21 | (b[at + 1] & 0x7F) << 14 | (b[at + 2] & 0x7F) << 7 | (b[at + 3] & 0x7F);
    }

    private static long be32(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static long be24(byte[] b, int at) {
        return (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF);
    }
}
