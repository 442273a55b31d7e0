package org.clamp3.preprocess.audio.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import javazoom.jl.decoder.Header;

/**
 * The length libsox 14.4.2 (libmad build) announces for an MP3 file before decoding it. torchaudio
 * 0.13 reads through sox_read, which stops there, so a decode longer than this is cut to it. In
 * order of precedence: an ID3v2 TLEN frame (milliseconds); a Xing header in the first frame (its
 * frame count times the first frame's duration); if the first 25 frames share one bitrate, their
 * duration scaled by (file size - tag size) / their bytes; otherwise the duration of every frame.
 * The duration is truncated to whole milliseconds, then samples = ms / 1000 * rate + 0.5 (truncated).
 *
 * <p>Feed it each frame in file order, the same frames libmad's header scan sees.
 */
final class SoxMp3Length {
    /** libmad's timer resolution, units per second; every MPEG sample rate divides it. */
    private static final long RESOLUTION = 352_800_000L;
    /** libsox extrapolates a constant-bitrate file from this many frames. */
    private static final int CBR_PROBE_FRAMES = 25;

    private final long fileSize;
    private final Id3v2Tag tag;
    private int frames;
    private int firstBitrateIndex;
    private boolean variable;
    private int rate;
    private long units;
    private long consumed;
    /** Milliseconds once the scan has settled them (Xing or extrapolation); -1 while still summing. */
    private long settledMillis = -1;

    SoxMp3Length(long fileSize, Id3v2Tag tag) {
        this.fileSize = fileSize;
        this.tag = tag;
    }

    /**
     * @param xingFrames the frame count of a Xing header in this frame, 0 if none (only looked at for the first frame)
     */
    void frame(int bitrateIndex, int samplesPerFrame, int sampleRate, int bytes, long xingFrames) {
        if (settledMillis >= 0 || sampleRate <= 0 || RESOLUTION % sampleRate != 0) {
            return;
        }
        long duration = samplesPerFrame * (RESOLUTION / sampleRate);
        units += duration;
        consumed += bytes;
        if (frames == 0) {
            rate = sampleRate;
            firstBitrateIndex = bitrateIndex;
            if (xingFrames > 0) {
                settledMillis = millis(duration * xingFrames);
                return;
            }
        } else {
            variable |= bitrateIndex != firstBitrateIndex;
        }
        if (++frames == CBR_PROBE_FRAMES && !variable) {
            settledMillis = extrapolatedMillis();
        }
    }

    /** The announced length in samples per channel, or -1 when libsox announces none (nothing is cut). */
    long samples() {
        long ms = tag.lengthMillis > 0 ? tag.lengthMillis : settledMillis >= 0 ? settledMillis : millis(units);
        if (ms <= 0 || rate == 0) {
            return -1;
        }
        double samples = ms * .001 * rate + .5;
        return samples >= Long.MAX_VALUE ? -1 : (long) samples;
    }

    /**
     * The frame count of a Xing header where libsox looks for one: right after the first layer III
     * frame's side information, "Xing" then flags with bit 0 set, then the count. LAME's CBR
     * "Info" header is not taken, like in libsox.
     */
    static long xingFrames(Path file, long frameStart, Header h) throws IOException {
        if (h.layer() != 3) {
            return 0;
        }
        boolean mono = h.mode() == Header.SINGLE_CHANNEL;
        int sideInfo = h.version() == Header.MPEG1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int offset = 4 + (h.checksums() ? 2 : 0) + sideInfo;
        if (h.framesize + 4 - offset < 12) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.allocate(12);
        try (FileChannel ch = FileChannel.open(file)) {
            ch.read(b, frameStart + offset);
        }
        if (b.position() < 12 || b.get(0) != 'X' || b.get(1) != 'i' || b.get(2) != 'n' || b.get(3) != 'g'
                || (b.get(7) & 1) == 0) {
            return 0;
        }
        return b.getInt(8) & 0xFFFFFFFFL;
    }

    /** mad_timer_mult followed by mad_timer_count in milliseconds, in libsox's double arithmetic. */
    private long extrapolatedMillis() {
        double d = (double) (fileSize - tag.size) / consumed;
        long seconds0 = units / RESOLUTION;
        long fraction0 = units % RESOLUTION;
        d *= seconds0 + fraction0 * (1. / RESOLUTION);
        long seconds = (long) d;
        long fraction = (long) ((d - seconds) * RESOLUTION + .5);
        return seconds * 1000 + fraction * 1000 / RESOLUTION;
    }

    /** Timer units to whole milliseconds, truncated like mad_timer_count. */
    private static long millis(long units) {
        return units / RESOLUTION * 1000 + units % RESOLUTION * 1000 / RESOLUTION;
    }
}
