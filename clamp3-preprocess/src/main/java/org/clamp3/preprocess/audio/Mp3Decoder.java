package org.clamp3.preprocess.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.Obuffer;

import org.clamp3.core.io.InvalidInputException;

/**
 * Reads MPEG audio (layers I-III) with JLayer, keeping its float output instead of rounding it to
 * 16 bits. Like libmad under torchaudio 0.13's sox backend, and unlike gapless decoders such as
 * ffmpeg, nothing is trimmed: every MPEG frame gives 1152 samples, the Xing/LAME info frame
 * included (it decodes as silence), so the music starts 2257 samples in for a LAME file
 * (1152 info frame + 576 encoder delay + 529 decoder delay), exactly where the reference has it.
 * libmad also needs 8 bytes (MAD_BUFFER_GUARD) after a frame before it decodes it, so a frame that
 * ends within 8 bytes of the end of the file is left out; so is it here. The result then matches
 * libmad's sample for sample, to about 1e-6 (JLayer's float synthesis vs libmad's fixed point).
 */
final class Mp3Decoder {
    /** JLayer's synthesis filter scales samples to this full scale, not 32768. */
    private static final float JLAYER_FULL_SCALE = 32700f;
    /** Bytes libmad wants after a frame before it decodes it. */
    private static final int MAD_BUFFER_GUARD = 8;

    private Mp3Decoder() {}

    static MonoAudio decode(Path file) throws IOException {
        long fileSize = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Bitstream stream = new Bitstream(in);
            FrameBuffer buffer = new FrameBuffer();
            Decoder decoder = new Decoder();
            decoder.setOutputBuffer(buffer);
            MonoMixdown mono = null;
            int rate = 0;
            int channels = 0;
            long frameEnd = 0; // where the current frame ends, counted from the headers (JLayer reads ahead)
            try {
                for (Header h = stream.readFrame(); h != null; h = stream.readFrame()) {
                    int frameChannels = h.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
                    if (mono == null) {
                        frameEnd = stream.header_pos(); // the ID3v2 tag's size, if any
                        rate = h.frequency();
                        channels = frameChannels;
                        // at most one 1152-sample frame per 24 bytes (the smallest MPEG frame)
                        mono = new MonoMixdown(file, channels, fileSize / 24 * 1152);
                    } else if (h.frequency() != rate || frameChannels != channels) {
                        throw new InvalidInputException(file, "corrupt MP3: the stream changes from " + rate + " Hz, "
                                + channels + " channel(s) to " + h.frequency() + " Hz, " + frameChannels);
                    }
                    frameEnd += h.framesize + 4L;
                    if (fileSize - frameEnd < MAD_BUFFER_GUARD) {
                        break; // the last frame, with no guard bytes after it: libmad does not decode it
                    }
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
            return new MonoAudio(mono.toArray(), rate, channels);
        }
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
