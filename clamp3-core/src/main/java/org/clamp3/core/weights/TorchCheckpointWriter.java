package org.clamp3.core.weights;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.clamp3.core.io.AtomicFiles;

/**
 * Writes a checkpoint that {@code torch.load} reads (torch ≥ 1.6, also with
 * {@code weights_only=True}), in the layout torch.save produces: {@code archive/data.pkl}, {@code
 * archive/byteorder}, {@code archive/data/<key>} per tensor and {@code archive/version}, all
 * STORED, with each entry's data aligned to 64 bytes by padding in the local header's extra field
 * as torch does (torch 2.x can memory-map such files).
 *
 * <p>Values may be {@code Map} (a dict, keys in iteration order), {@link StateDict} (an
 * OrderedDict), {@code List}, {@link PickleTuple}, {@code String}, integer types, {@code Float} /
 * {@code Double} (both become a Python float), {@code Boolean}, null and {@link FloatTensor}.
 */
public final class TorchCheckpointWriter {
    private static final String ARCHIVE = "archive/";
    private static final int ALIGNMENT = 64;
    private static final int LOCAL_HEADER_BYTES = 30;
    private static final long ENTRY_TIME = 946_728_000_000L; // 2000-01-01: fixed, so equal input gives equal bytes

    private TorchCheckpointWriter() {}

    /** Writes {@code root} (a top-level dict) to {@code file}, atomically. */
    public static void write(Path file, Map<String, ?> root) throws IOException {
        PickleWriter pickler = new PickleWriter();
        byte[] pickle = pickler.write(root);
        List<FloatTensor> storages = pickler.storages();
        AtomicFiles.write(file, out -> {
            CountingOutputStream counted = new CountingOutputStream(out);
            ZipOutputStream zip = new ZipOutputStream(counted);
            storedEntry(zip, counted, ARCHIVE + "data.pkl", pickle);
            storedEntry(zip, counted, ARCHIVE + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (int key = 0; key < storages.size(); key++) {
                storedEntry(zip, counted, ARCHIVE + "data/" + key, littleEndian(storages.get(key).data()));
            }
            storedEntry(zip, counted, ARCHIVE + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            zip.finish();
        });
    }

    private static void storedEntry(ZipOutputStream zip, CountingOutputStream counted, String name, byte[] data)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        entry.setCrc(crc.getValue());
        entry.setTime(ENTRY_TIME);
        // nothing is buffered between entries, so the count is where this local header starts
        long dataStart = counted.count() + LOCAL_HEADER_BYTES + name.getBytes(StandardCharsets.UTF_8).length;
        entry.setExtra(alignmentPadding(dataStart));
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    /** An extra field ("FB", length, 'Z'...) that moves the data start to the next multiple of 64. */
    private static byte[] alignmentPadding(long dataStart) {
        int padding = (int) ((ALIGNMENT - dataStart % ALIGNMENT) % ALIGNMENT);
        if (padding == 0) {
            return null;
        }
        if (padding < 4) { // too short for a field header
            padding += ALIGNMENT;
        }
        ByteBuffer field = ByteBuffer.allocate(padding).order(ByteOrder.LITTLE_ENDIAN);
        field.put((byte) 'F').put((byte) 'B').putShort((short) (padding - 4));
        while (field.hasRemaining()) {
            field.put((byte) 'Z');
        }
        return field.array();
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    /** Counts the bytes written through it, to know each local header's offset. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        long count() {
            return count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
