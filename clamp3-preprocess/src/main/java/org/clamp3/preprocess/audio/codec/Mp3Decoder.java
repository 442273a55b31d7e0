package org.clamp3.preprocess.audio.codec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.Obuffer;

import org.clamp3.core.io.InvalidInputException;

/**
 * Reads MPEG audio (layers I-III) with JLayer the way torchaudio 0.13's sox backend reads it
 * through libsox 14.4.2 and libmad, keeping JLayer's float output instead of rounding it to 16 bits:
 * <ul>
 *   <li>no gapless trimming: every frame gives its samples (1152, or 576 for MPEG-2/2.5 layer III),
 *       the Xing/LAME info frame included (it decodes as silence), so the music starts 2257
 *       samples in for a 44.1 kHz LAME file, exactly where the reference has it;
 *   <li>libmad wants 8 bytes (MAD_BUFFER_GUARD) after a frame before it decodes it, so a frame that
 *       ends within 8 bytes of the end of the file is left out; an ID3v1 tag counts as such bytes;
 *   <li>the result is cut to the length libsox announces ({@link SoxMp3Length}: ID3v2 TLEN, Xing
 *       frame count, or a frame scan), since sox_read stops there;
 *   <li>JLayer's one wrong table entry (24 kHz long-block bands) is corrected.
 * </ul>
 * The samples then match libmad's to about 1e-6 (JLayer's float synthesis vs libmad's fixed point).
 */
final class Mp3Decoder {
    /** JLayer's synthesis filter scales samples to this full scale, not 32768. */
    private static final float JLAYER_FULL_SCALE = 32700f;
    /** Bytes libmad wants after a frame before it decodes it. */
    private static final int MAD_BUFFER_GUARD = 8;
    /** libsox's first read: zero padding at the start of the file is skipped within it. */
    private static final int SOX_BUFFER = 8192;
    private static final int ID3V1_SIZE = 128;

    private Mp3Decoder() {}

    static MonoAudio decode(Path file) throws IOException {
        long fileSize = Files.size(file);
        Id3v2Tag tag;
        long firstFrame;
        long audioEnd;
        try (FileChannel ch = FileChannel.open(file)) {
            long zeros = firstNonZero(ch, 0, SOX_BUFFER);
            tag = Id3v2Tag.read(ch, zeros);
            firstFrame = firstNonZero(ch, zeros + tag.size, fileSize);
            audioEnd = fileSize - (endsWithId3v1(ch) ? ID3V1_SIZE : 0);
        }
        SoxMp3Length soxLength = new SoxMp3Length(fileSize, tag);
        // JLayer drops a frame that is followed by anything but another frame, so it does not see the
        // ID3v1 tag; libmad decodes that frame (the tag is more than its 8 guard bytes), and so do we.
        try (InputStream in = new BufferedInputStream(new LimitedInputStream(Files.newInputStream(file), audioEnd), 1 << 16)) {
            Bitstream stream = new Bitstream(in);
            FrameBuffer buffer = new FrameBuffer();
            Decoder decoder = new StandardBandsDecoder();
            decoder.setOutputBuffer(buffer);
            MonoMixdown mono = null;
            int rate = 0;
            int channels = 0;
            long frameEnd = firstFrame; // where the current frame ends (JLayer reads ahead, so we count)
            try {
                for (Header h = stream.readFrame(); h != null; h = stream.readFrame()) {
                    int frameChannels = h.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
                    long xingFrames = 0;
                    if (mono == null) {
                        rate = h.frequency();
                        channels = frameChannels;
                        // at most one 1152-sample frame per 24 bytes (the smallest MPEG frame)
                        mono = new MonoMixdown(file, channels, fileSize / 24 * 1152);
                        xingFrames = SoxMp3Length.xingFrames(file, firstFrame, h);
                    } else if (h.frequency() != rate || frameChannels != channels) {
                        throw new InvalidInputException(file, "corrupt MP3: the stream changes from " + rate + " Hz, "
                                + channels + " channel(s) to " + h.frequency() + " Hz, " + frameChannels);
                    }
                    int bytes = h.framesize + 4;
                    frameEnd += bytes;
                    if (fileSize - frameEnd < MAD_BUFFER_GUARD) {
                        break; // the last frame, with no guard bytes after it: libmad does not decode it
                    }
                    soxLength.frame(h.bitrate_index(), samplesPerFrame(h), h.frequency(), bytes, xingFrames);
                    decoder.decodeFrame(h, stream);
                    mono.addPlanar(buffer.planes, buffer.frames(channels));
                    stream.closeFrame();
                }
            } catch (JavaLayerException | RuntimeException e) {
                if (e instanceof InvalidInputException) {
                    throw (InvalidInputException) e;
                }
                String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new InvalidInputException(file, "corrupt MP3: " + what.lines().findFirst().orElse(what), e);
            }
            if (mono == null || mono.length() == 0) {
                throw new InvalidInputException(file, "not an MP3 file: no MPEG audio frame found");
            }
            float[] samples = mono.toArray();
            long announced = soxLength.samples();
            if (announced >= 0 && announced < samples.length) {
                samples = Arrays.copyOf(samples, (int) announced); // libsox stops reading at its announced length
            }
            if (samples.length == 0) {
                throw new InvalidInputException(file, "no audio: the MP3's ID3 length (TLEN) is under one sample");
            }
            return new MonoAudio(samples, rate, channels);
        }
    }

    private static int samplesPerFrame(Header h) {
        switch (h.layer()) {
            case 1:
                return 384;
            case 2:
                return 1152;
            default:
                return h.version() == Header.MPEG1 ? 1152 : 576;
        }
    }

    private static boolean endsWithId3v1(FileChannel ch) throws IOException {
        if (ch.size() < ID3V1_SIZE) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(3);
        ch.read(b, ch.size() - ID3V1_SIZE);
        return b.position() == 3 && b.get(0) == 'T' && b.get(1) == 'A' && b.get(2) == 'G';
    }

    /** The offset of the first non-zero byte in [from, limit), or limit (libsox skips zero padding). */
    private static long firstNonZero(FileChannel ch, long from, long limit) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        long at = from;
        limit = Math.min(limit, ch.size());
        while (at < limit) {
            b.clear();
            int n = ch.read(b, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n && at + i < limit; i++) {
                if (b.get(i) != 0) {
                    return at + i;
                }
            }
            at += n;
        }
        return limit;
    }

    /** JLayer's output for one frame, per channel, scaled to [-1, 1]. */
    private static final class FrameBuffer extends Obuffer {
        final float[][] planes = new float[2][OBUFFERSIZE];
        private final int[] counts = new int[2];

        int frames(int channels) {
            return channels == 1 ? counts[0] : Math.min(counts[0], counts[1]);
        }

        @Override
        public void append(int channel, short value) {
            planes[channel][counts[channel]++] = value / JLAYER_FULL_SCALE;
        }

        @Override
        public void appendSamples(int channel, float[] f) {
            float[] plane = planes[channel];
            int at = counts[channel];
            for (int i = 0; i < 32; i++) {
                plane[at + i] = f[i] / JLAYER_FULL_SCALE;
            }
            counts[channel] = at + 32;
        }

        @Override
        public void write_buffer(int val) {
            // frames are taken by the decode loop
        }

        @Override
        public void close() {
            // nothing held
        }

        @Override
        public void clear_buffer() {
            counts[0] = 0;
            counts[1] = 0;
        }

        @Override
        public void set_stop_flag() {
            // not used for decoding to memory
        }
    }
}
