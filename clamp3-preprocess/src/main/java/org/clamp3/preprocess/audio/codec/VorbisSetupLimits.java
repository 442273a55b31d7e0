package org.clamp3.preprocess.audio.codec;

/**
 * Bounds what a Vorbis setup header may make a decoder allocate, before JOrbis reads it. A
 * codebook declares up to 2^24 entries of up to 65535 dimensions, and in "ordered" form that takes
 * only a few bytes, so a tiny hostile file could otherwise ask for gigabytes. This walks the
 * codebook headers (Vorbis I specification, section 3.2.1) without building anything, in time
 * linear in the packet, and refuses totals far beyond what encoders write (libvorbis's books hold
 * at most a few thousand entries each).
 */
final class VorbisSetupLimits {
    /** Entries summed over all codebooks. */
    static final long MAX_ENTRIES = 1L << 22;
    /** Entries x dimensions summed over all codebooks (the size of the decoded lookup tables). */
    static final long MAX_VALUES = 1L << 24;

    private VorbisSetupLimits() {}

    /**
     * @param packet the setup header packet (type 5), starting with its type byte
     * @return null when the codebooks are within the limits (or the header is malformed in a way
     *     JOrbis itself reports), else why they are refused
     */
    static String check(byte[] packet, int offset, int length) {
        Bits in = new Bits(packet, offset, length);
        if (in.read(8) != 5) {
            return null;
        }
        in.skip(48); // "vorbis"
        long books = in.read(8) + 1;
        long entriesTotal = 0;
        long valuesTotal = 0;
        for (int b = 0; b < books && !in.exhausted(); b++) {
            if (in.read(24) != 0x564342) {
                return null; // not a codebook: JOrbis rejects the header itself
            }
            long dimensions = in.read(16);
            long entries = in.read(24);
            entriesTotal += entries;
            valuesTotal += entries * Math.max(1, dimensions);
            if (entriesTotal > MAX_ENTRIES || valuesTotal > MAX_VALUES) {
                return "codebooks declaring " + entriesTotal + " entries of up to " + dimensions
                        + " dimensions (more than any encoder writes)";
            }
            if (in.read(1) == 1) { // ordered: lengths as runs
                long current = 0;
                in.skip(5);
                while (current < entries && !in.exhausted()) {
                    current += in.read(ilog(entries - current));
                }
            } else {
                boolean sparse = in.read(1) == 1;
                for (long e = 0; e < entries && !in.exhausted(); e++) {
                    if (!sparse || in.read(1) == 1) {
                        in.skip(5);
                    }
                }
            }
            long lookup = in.read(4);
            if (lookup == 1 || lookup == 2) {
                in.skip(64);
                long valueBits = in.read(4) + 1;
                in.skip(1);
                long values = lookup == 1 ? lookup1Values(entries, dimensions) : entries * dimensions;
                in.skip(valueBits * values);
            } else if (lookup != 0) {
                return null;
            }
        }
        return null;
    }

    /** The greatest r with r^dimensions <= entries (Vorbis's lookup1_values). */
    private static long lookup1Values(long entries, long dimensions) {
        if (dimensions == 0) {
            return 0;
        }
        long r = (long) Math.floor(Math.pow(entries, 1.0 / dimensions));
        while (r > 0 && Math.pow(r, dimensions) > entries) {
            r--;
        }
        while (Math.pow(r + 1, dimensions) <= entries) {
            r++;
        }
        return r;
    }

    private static int ilog(long v) {
        return v <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(v);
    }

    /** Least-significant-bit-first reader over a byte range; reads past the end give zeros. */
    private static final class Bits {
        private final byte[] data;
        private final long end;
        private long at;

        Bits(byte[] data, int offset, int length) {
            this.data = data;
            this.at = (long) offset * 8;
            this.end = (long) (offset + length) * 8;
        }

        boolean exhausted() {
            return at >= end;
        }

        long read(int bits) {
            long v = 0;
            for (int i = 0; i < bits; i++, at++) {
                if (at < end && (data[(int) (at >>> 3)] >>> (at & 7) & 1) != 0) {
                    v |= 1L << i;
                }
            }
            return v;
        }

        void skip(long bits) {
            at = bits > end - at ? end : at + bits;
        }
    }
}
