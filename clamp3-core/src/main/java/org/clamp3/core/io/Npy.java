package org.clamp3.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Reading accepts float32, float64, int32 and int64 in either byte order and in C or Fortran
 * order, and checks the file's length against its header before allocating anything, so a
 * truncated or hostile file is refused instead of read short. Writing produces what
 * {@code numpy.save} writes for a little-endian C-order array: a version 1.0 header padded so the
 * data starts on a 64-byte boundary.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Headers larger than this are not something numpy writes; refuse them. */
    private static final int MAX_HEADER = 1 << 20;
    /** Java arrays are int-indexed; numpy files past that are not features we can hold. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Reads a whole {@code .npy} file; any problem is an {@link InvalidInputException} naming it. */
    public static NpyArray read(Path file) {
        InputLimits.check(file, InputLimits.FEATURES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, ch);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a file is a complete .npy: its header parses and the file holds exactly the bytes
     * the header's shape and dtype call for, and at least one value. Reads the header only.
     */
    public static boolean isComplete(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = readHeader(file, ch);
            return h.count() > 0 && ch.size() - h.dataStart() == h.count() * h.dtype().size;
        } catch (IOException | InvalidInputException e) {
            return false;
        }
    }

    /** What the header says; the data starts at {@code dataStart}. */
    private record Header(NpyArray.DType dtype, ByteOrder order, boolean fortran, int[] shape, long count, long dataStart) {}

    private static NpyArray read(Path file, FileChannel ch) throws IOException {
        Header h = readHeader(file, ch);
        long need = h.count() * h.dtype().size;
        if (ch.size() - h.dataStart() < need) {
            throw new InvalidInputException(file, "truncated .npy data: shape " + NpyArray.shapeString(h.shape())
                    + " needs " + need + " bytes, file has " + (ch.size() - h.dataStart()));
        }
        NpyArray array = readData(ch, h.dataStart(), h.dtype(), h.order(), h.shape(), (int) h.count());
        return h.fortran() && h.shape().length > 1 ? toCOrder(array) : array;
    }

    private static Header readHeader(Path file, FileChannel ch) throws IOException {
        long fileSize = ch.size();
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pre, 0);
        pre.flip();
        if (pre.remaining() < 10 || !hasMagic(pre)) {
            throw new InvalidInputException(file, "not a .npy file (no \\x93NUMPY magic)");
        }
        int major = pre.get(6) & 0xff;
        long headerLen;
        int prelude;
        if (major == 1) {
            headerLen = pre.getShort(8) & 0xffff;
            prelude = 10;
        } else if (major == 2 || major == 3) {
            if (pre.remaining() < 12) {
                throw new InvalidInputException(file, "truncated .npy header");
            }
            headerLen = pre.getInt(8) & 0xffffffffL;
            prelude = 12;
        } else {
            throw new InvalidInputException(file, "unsupported .npy format version " + major);
        }
        if (headerLen > MAX_HEADER || prelude + headerLen > fileSize) {
            throw new InvalidInputException(file, "truncated or corrupt .npy header (length " + headerLen + ")");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        readFully(ch, hb, prelude);
        String header = new String(hb.array(), 0, hb.position(),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new InvalidInputException(file, "unreadable .npy header: " + header.strip());
        }
        String descr = d.group(1);
        ByteOrder order = byteOrder(file, descr);
        NpyArray.DType dtype = descr.length() >= 3
                ? NpyArray.DType.of(descr.charAt(1), parseDigits(descr.substring(2)))
                : null;
        if (dtype == null) {
            throw new InvalidInputException(file, "unsupported dtype '" + descr
                    + "' (expected float32, float64, int32 or int64)");
        }
        boolean fortran = f.group(1).equals("True");
        int[] shape = parseShape(file, s.group(1));
        long count = NpyArray.elementCount(shape);
        if (count > MAX_ELEMENTS) {
            throw new InvalidInputException(file, "array too large: shape " + NpyArray.shapeString(shape));
        }
        long dataStart = prelude + headerLen;
        return new Header(dtype, order, fortran, shape, count, dataStart);
    }

    private static boolean hasMagic(ByteBuffer b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static ByteOrder byteOrder(Path file, String descr) {
        if (descr.isEmpty()) {
            throw new InvalidInputException(file, "empty dtype in .npy header");
        }
        switch (descr.charAt(0)) {
            case '<':
            case '|':
            case '=':
                return ByteOrder.LITTLE_ENDIAN;
            case '>':
                return ByteOrder.BIG_ENDIAN;
            default:
                throw new InvalidInputException(file, "unsupported dtype '" + descr + "'");
        }
    }

    private static int parseDigits(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int[] parseShape(Path file, String body) {
        String[] parts = body.split(",");
        int n = 0;
        int[] dims = new int[parts.length];
        for (String p : parts) {
            String t = p.strip();
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1); // Python 2 longs
            }
            if (t.isEmpty()) {
                continue;
            }
            long v;
            try {
                v = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file, "bad shape (" + body + ") in .npy header");
            }
            if (v < 0 || v > MAX_ELEMENTS) {
                throw new InvalidInputException(file, "bad dimension " + v + " in .npy shape");
            }
            dims[n++] = (int) v;
        }
        int[] shape = new int[n];
        System.arraycopy(dims, 0, shape, 0, n);
        return shape;
    }

    private static NpyArray readData(FileChannel ch, long start, NpyArray.DType dtype, ByteOrder order,
                                     int[] shape, int count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, (long) count * dtype.size + 8)).order(order);
        long pos = start;
        switch (dtype) {
            case FLOAT32: {
                float[] out = new float[count];
                int i = 0;
                while (i < count) {
                    pos += fill(ch, buf, pos, (long) (count - i) * 4);
                    int n = buf.remaining() / 4;
                    buf.asFloatBuffer().get(out, i, n);
                    i += n;
                }
                return NpyArray.ofFloats(out, shape);
            }
            case FLOAT64: {
                double[] out = new double[count];
                int i = 0;
                while (i < count) {
                    pos += fill(ch, buf, pos, (long) (count - i) * 8);
                    int n = buf.remaining() / 8;
                    buf.asDoubleBuffer().get(out, i, n);
                    i += n;
                }
                return NpyArray.ofDoubles(out, shape);
            }
            case INT32: {
                int[] out = new int[count];
                int i = 0;
                while (i < count) {
                    pos += fill(ch, buf, pos, (long) (count - i) * 4);
                    int n = buf.remaining() / 4;
                    buf.asIntBuffer().get(out, i, n);
                    i += n;
                }
                return NpyArray.ofInts(out, shape);
            }
            default: {
                long[] out = new long[count];
                int i = 0;
                while (i < count) {
                    pos += fill(ch, buf, pos, (long) (count - i) * 8);
                    int n = buf.remaining() / 8;
                    buf.asLongBuffer().get(out, i, n);
                    i += n;
                }
                return NpyArray.ofLongs(out, shape);
            }
        }
    }

    /** Reads up to min(buffer, wanted) bytes at pos; leaves the buffer flipped. Returns bytes read. */
    private static int fill(FileChannel ch, ByteBuffer buf, long pos, long wanted) throws IOException {
        buf.clear();
        if (wanted < buf.capacity()) {
            buf.limit((int) wanted);
        }
        readFully(ch, buf, pos);
        buf.flip();
        if (buf.remaining() == 0) {
            throw new IOException("unexpected end of file");
        }
        return buf.remaining();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
    }

    /** Fortran order stores the first index fastest; permute into C order. */
    private static NpyArray toCOrder(NpyArray f) {
        int[] shape = f.shape();
        int n = f.size();
        int rank = shape.length;
        int[] fStride = new int[rank];
        int acc = 1;
        for (int k = 0; k < rank; k++) {
            fStride[k] = acc;
            acc *= shape[k];
        }
        int[] idx = new int[rank];
        int[] perm = new int[n]; // perm[cIndex] = fIndex
        for (int c = 0; c < n; c++) {
            int fi = 0;
            for (int k = 0; k < rank; k++) {
                fi += idx[k] * fStride[k];
            }
            perm[c] = fi;
            for (int k = rank - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        switch (f.dtype()) {
            case FLOAT32: {
                float[] src = (float[]) f.data();
                float[] dst = new float[n];
                for (int c = 0; c < n; c++) {
                    dst[c] = src[perm[c]];
                }
                return NpyArray.ofFloats(dst, shape);
            }
            case FLOAT64: {
                double[] src = (double[]) f.data();
                double[] dst = new double[n];
                for (int c = 0; c < n; c++) {
                    dst[c] = src[perm[c]];
                }
                return NpyArray.ofDoubles(dst, shape);
            }
            case INT32: {
                int[] src = (int[]) f.data();
                int[] dst = new int[n];
                for (int c = 0; c < n; c++) {
                    dst[c] = src[perm[c]];
                }
                return NpyArray.ofInts(dst, shape);
            }
            default: {
                long[] src = (long[]) f.data();
                long[] dst = new long[n];
                for (int c = 0; c < n; c++) {
                    dst[c] = src[perm[c]];
                }
                return NpyArray.ofLongs(dst, shape);
            }
        }
    }

    /** Writes float32 values, little-endian, C order, atomically. */
    public static void writeFloat32(Path file, float[] values, int... shape) throws IOException {
        NpyArray array = NpyArray.ofFloats(values, shape);
        AtomicFiles.write(file, out -> write(out, array));
    }

    /** Writes an array in its own dtype, little-endian, C order, atomically. */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    /** Writes an array in its own dtype, little-endian, C order, to a stream. */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        NpyArray.DType t = array.dtype();
        String descr = "<" + t.kind + t.size;
        out.write(header(descr, array.shape()));
        int n = array.size();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            if (buf.remaining() < 8) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            switch (t) {
                case FLOAT32:
                    buf.putFloat(((float[]) array.data())[i]);
                    break;
                case FLOAT64:
                    buf.putDouble(((double[]) array.data())[i]);
                    break;
                case INT32:
                    buf.putInt(((int[]) array.data())[i]);
                    break;
                default:
                    buf.putLong(((long[]) array.data())[i]);
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    static byte[] header(String descr, int[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + NpyArray.shapeString(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        ByteArrayOutputStream b = new ByteArrayOutputStream(unpadded + pad);
        b.writeBytes(MAGIC);
        b.write(1);
        b.write(0);
        int len = dict.length() + pad + 1;
        b.write(len & 0xff);
        b.write(len >> 8);
        b.writeBytes(dict.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < pad; i++) {
            b.write(' ');
        }
        b.write('\n');
        return b.toByteArray();
    }
}
