package org.clamp3.preprocess.audio.codec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clamp3.core.io.InvalidInputException;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * Reads FLAC with jFLAC (bit-exact). Samples are scaled by 1/2^(bits-1) like integer WAV. A frame
 * that fails its checks, or a stream that ends before the sample count its STREAMINFO announces,
 * is an error rather than a silently shorter waveform.
 */
final class FlacDecoder {
    private FlacDecoder() {}

    static MonoAudio decode(Path file) throws IOException {
        checkMetadata(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            FLACDecoder decoder = new FLACDecoder(new EndGuard(in));
            StreamInfo info;
            try {
                info = decoder.readStreamInfo();
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException(file, "corrupt FLAC header: " + message(e), e);
            }
            if (info == null) {
                throw new InvalidInputException(file, "corrupt FLAC: no STREAMINFO block");
            }
            int channels = info.getChannels();
            int bits = info.getBitsPerSample();
            int rate = info.getSampleRate();
            if (bits != 8 && bits != 16 && bits != 24) {
                throw new InvalidInputException(file, "unsupported FLAC: " + bits + " bits per sample");
            }
            if (rate < 1 || channels < 1) {
                throw new InvalidInputException(file, "corrupt FLAC: " + channels + " channels at " + rate + " Hz");
            }
            long announced = info.getTotalSamples();
            Collector collector = new Collector(new MonoMixdown(file, channels, announced), channels, bits);
            decoder.addPCMProcessor(collector);
            try {
                decoder.readMetadata(info);
                decoder.decodeFrames();
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException(file, "corrupt FLAC: " + message(e), e);
            }
            if (decoder.getBadFrames() > 0) {
                throw new InvalidInputException(file, "corrupt FLAC: " + decoder.getBadFrames() + " frame(s) failed to decode");
            }
            int frames = collector.mono.length();
            if (announced > 0 && frames < announced) {
                throw new InvalidInputException(file, "truncated FLAC: " + frames + " of " + announced + " samples");
            }
            if (frames == 0) {
                throw new InvalidInputException(file, "no audio: the FLAC stream holds no samples");
            }
            return new MonoAudio(collector.mono.toArray(), rate, channels);
        }
    }

    /**
     * Checks the metadata blocks' sizes before jFLAC reads them: jFLAC allocates what a
     * VORBIS_COMMENT or PICTURE block's counts and lengths say (a hostile file says gigabytes), so
     * every count and length must fit in its block, and every block in the file.
     */
    static void checkMetadata(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            long at = 4; // after "fLaC"
            boolean last = false;
            for (int block = 0; !last; block++) {
                java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
                if (readFully(ch, head, at) < 4) {
                    throw new InvalidInputException(file, "corrupt FLAC: metadata ends before its last block");
                }
                int flags = head.get(0) & 0xff;
                last = (flags & 0x80) != 0;
                int type = flags & 0x7f;
                int length = (head.get(1) & 0xff) << 16 | (head.get(2) & 0xff) << 8 | (head.get(3) & 0xff);
                if (at + 4 + length > size) {
                    throw new InvalidInputException(file, "corrupt FLAC: metadata block " + block + " (type " + type + ", "
                            + length + " bytes) runs past the end of the file");
                }
                if (type == 4 || type == 6) {
                    java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(length);
                    readFully(ch, body, at + 4);
                    body.flip();
                    if (type == 4) {
                        checkVorbisComment(file, body.order(java.nio.ByteOrder.LITTLE_ENDIAN));
                    } else {
                        checkPicture(file, body.order(java.nio.ByteOrder.BIG_ENDIAN));
                    }
                }
                at += 4 + length;
            }
        }
    }

    private static void checkVorbisComment(Path file, java.nio.ByteBuffer b) {
        skipCounted(file, b, "VORBIS_COMMENT vendor string");
        long count = unsigned(file, b, "VORBIS_COMMENT");
        if (count * 4 > b.remaining()) {
            throw new InvalidInputException(file, "corrupt FLAC: VORBIS_COMMENT claims " + count + " comments in "
                    + b.remaining() + " bytes");
        }
        for (long i = 0; i < count; i++) {
            skipCounted(file, b, "VORBIS_COMMENT comment");
        }
    }

    private static void checkPicture(Path file, java.nio.ByteBuffer b) {
        unsigned(file, b, "PICTURE"); // picture type
        skipCounted(file, b, "PICTURE MIME type");
        skipCounted(file, b, "PICTURE description");
        for (int i = 0; i < 4; i++) {
            unsigned(file, b, "PICTURE"); // width, height, depth, colours
        }
        skipCounted(file, b, "PICTURE data");
    }

    private static long unsigned(Path file, java.nio.ByteBuffer b, String what) {
        if (b.remaining() < 4) {
            throw new InvalidInputException(file, "corrupt FLAC: " + what + " block cut short");
        }
        return b.getInt() & 0xffffffffL;
    }

    private static void skipCounted(Path file, java.nio.ByteBuffer b, String what) {
        long length = unsigned(file, b, what);
        if (length > b.remaining()) {
            throw new InvalidInputException(file, "corrupt FLAC: " + what + " of " + length + " bytes in a block of "
                    + b.remaining() + " more");
        }
        b.position(b.position() + (int) length);
    }

    private static int readFully(java.nio.channels.FileChannel ch, java.nio.ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                break;
            }
        }
        return buf.position();
    }

    /**
     * Ends a decode that keeps reading past the end of the file: after a bad frame at the end,
     * jFLAC swallows the end-of-file and searches for the next frame again, forever (fuzz
     * finding: a hang). The 17th end-of-file in a row is thrown unchecked, past jFLAC's catch.
     */
    private static final class EndGuard extends java.io.FilterInputStream {
        private int ends;

        EndGuard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return count(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return count(super.read(b, off, len));
        }

        private int count(int n) {
            if (n >= 0) {
                ends = 0;
            } else if (++ends > 16) {
                throw new java.io.UncheckedIOException(new java.io.EOFException("the decoder kept reading past the end of the file"));
            }
            return n;
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Turns jFLAC's little-endian interleaved PCM bytes into mono floats. */
    private static final class Collector implements PCMProcessor {
        final MonoMixdown mono;
        private final int channels;
        private final int bytesPerSample;
        private final float scale;
        private float[] samples = new float[0];

        Collector(MonoMixdown mono, int channels, int bits) {
            this.mono = mono;
            this.channels = channels;
            this.bytesPerSample = bits / 8;
            this.scale = 1f / (1 << (bits - 1));
        }

        @Override
        public void processStreamInfo(StreamInfo info) {
            // the header was read before decoding started
        }

        @Override
        public void processPCM(ByteData pcm) {
            byte[] b = pcm.getData();
            int count = pcm.getLen() / bytesPerSample;
            int frames = count / channels;
            if (samples.length < count) {
                samples = new float[count];
            }
            for (int i = 0, at = 0; i < count; i++, at += bytesPerSample) {
                int v;
                switch (bytesPerSample) {
                    case 1:
                        v = (b[at] & 0xFF) - 128; // jFLAC writes 8-bit as unsigned, like WAV
                        break;
                    case 2:
                        v = (b[at] & 0xFF) | b[at + 1] << 8;
                        break;
                    default:
                        v = (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | b[at + 2] << 16;
                }
                samples[i] = v * scale;
            }
            mono.addInterleaved(samples, frames);
        }
    }
}
