package org.clamp3.preprocess.midi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The chunk layout of a Standard MIDI File, read from chunk headers only: whether a file holds
 * its header chunk and exactly as many track chunks as the header announces, ending at the last
 * byte. A MIDI file cut short by a killed writer fails this; how a batch tells a complete .mid output.
 */
public final class MidiChunks {
    private MidiChunks() {}

    public static boolean isComplete(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(14);
            if (read(ch, head, 0) < 14 || !name(head, "MThd")) {
                return false;
            }
            long pos = 8 + Integer.toUnsignedLong(head.getInt(4));
            int tracks = head.getShort(10) & 0xffff;
            ByteBuffer chunk = ByteBuffer.allocate(8);
            for (int t = 0; t < tracks; t++) {
                chunk.clear();
                if (pos + 8 > size || read(ch, chunk, pos) < 8 || !name(chunk, "MTrk")) {
                    return false;
                }
                pos += 8 + Integer.toUnsignedLong(chunk.getInt(4));
            }
            return pos == size;
        } catch (IOException e) {
            return false;
        }
    }

    private static int read(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static boolean name(ByteBuffer b, String name) {
        for (int i = 0; i < 4; i++) {
            if (b.get(i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
