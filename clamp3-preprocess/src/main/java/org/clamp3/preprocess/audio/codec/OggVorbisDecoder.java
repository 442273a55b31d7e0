package org.clamp3.preprocess.audio.codec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;

import org.clamp3.core.io.InvalidInputException;

/**
 * Reads Ogg Vorbis with JOrbis the way torchaudio 0.13's sox backend does: libsox takes 16-bit
 * samples from libvorbisfile's {@code ov_read} (each float rounded half to even, as SSE2 does,
 * then clipped), so the waveform is those integers over 32768. The stream ends where its last
 * granule position says, which trims the padding of the final Vorbis block as libvorbis does.
 *
 * <p>Only the first logical stream is decoded (a chained file's later links are ignored); Ogg
 * files holding Opus, FLAC or Speex get a clear "unsupported" error. Damage is an error, not a
 * gap: a page failing its checksum, a missing packet, or a stream that stops before its last page
 * (libvorbisfile would skip the hole or return the shorter waveform).
 */
final class OggVorbisDecoder {
    private static final int READ_CHUNK = 1 << 16;
    private static final float FULL_SCALE = 32768f;

    private OggVorbisDecoder() {}

    static MonoAudio decode(Path file) throws IOException {
        long fileSize = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_CHUNK)) {
            return new Session(file, in, fileSize).run();
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidInputException(file, "corrupt Ogg Vorbis: " + what, e);
        }
    }

    /** One decode: the Ogg demuxer state, the Vorbis decoder state and the collected samples. */
    private static final class Session {
        private final Path file;
        private final InputStream in;
        private final long fileSize;
        private final SyncState sync = new SyncState();
        private final Page page = new Page();
        private final Packet packet = new Packet();
        private StreamState stream;
        private int serial;
        private boolean endOfInput;
        private long bytesRead;

        Session(Path file, InputStream in, long fileSize) {
            this.file = file;
            this.in = in;
            this.fileSize = fileSize;
            sync.init();
        }

        MonoAudio run() throws IOException {
            if (!nextPage()) {
                throw new InvalidInputException(file, "corrupt Ogg: no valid page found");
            }
            stream = new StreamState();
            serial = page.serialno();
            stream.init(serial);
            stream.pagein(page);
            Info info = new Info();
            Comment comment = new Comment();
            info.init();
            comment.init();
            if (stream.packetout(packet) != 1) {
                throw new InvalidInputException(file, "corrupt Ogg: the first page holds no whole packet");
            }
            String codec = codecOf(packet);
            if (!codec.equals("Vorbis")) {
                throw new InvalidInputException(file, "unsupported: Ogg " + codec + " audio (only Ogg Vorbis is"
                        + " decoded here); convert it to FLAC or WAV first");
            }
            if (info.synthesis_headerin(comment, packet) < 0) {
                throw new InvalidInputException(file, "corrupt Ogg Vorbis: bad identification header");
            }
            for (int headers = 1; headers < 3; ) {
                int got = stream.packetout(packet);
                if (got == 1) {
                    String refused = headers == 2 ? VorbisSetupLimits.check(packet.packet_base, packet.packet, packet.bytes) : null;
                    if (refused != null) {
                        throw new InvalidInputException(file, "refused Ogg Vorbis: " + refused);
                    }
                    if (info.synthesis_headerin(comment, packet) < 0) {
                        throw new InvalidInputException(file, "corrupt Ogg Vorbis: bad comment or setup header");
                    }
                    headers++;
                } else if (got < 0) {
                    throw new InvalidInputException(file, "corrupt Ogg Vorbis: a header packet is damaged");
                } else if (!nextPageOfStream()) {
                    throw new InvalidInputException(file, "truncated Ogg Vorbis: the headers are incomplete");
                }
            }
            int channels = info.channels;
            int rate = info.rate;
            if (channels < 1 || rate < 1) {
                throw new InvalidInputException(file, "corrupt Ogg Vorbis: " + channels + " channels at " + rate + " Hz");
            }
            return new MonoAudio(samples(info), rate, channels);
        }

        private float[] samples(Info info) throws IOException {
            int channels = info.channels;
            DspState dsp = new DspState();
            dsp.synthesis_init(info);
            Block block = new Block(dsp);
            // a Vorbis packet of b bytes yields at most 8192 samples; 1 byte per 16 samples is far beyond real files
            MonoMixdown mono = new MonoMixdown(file, channels, fileSize * 16);
            float[][][] pcm = new float[1][][];
            int[] offsets = new int[channels];
            float[][] quantized = new float[channels][];
            long lastGranule = -1;
            boolean ended = false;
            while (!ended) {
                int got = stream.packetout(packet);
                if (got == 0) {
                    if (!nextPageOfStream()) {
                        throw new InvalidInputException(file, "truncated Ogg Vorbis: the stream stops before its last page"
                                + " (" + mono.length() + " samples decoded)");
                    }
                    continue;
                }
                if (got < 0) {
                    throw new InvalidInputException(file, "corrupt Ogg Vorbis: packets are missing after sample " + mono.length());
                }
                if (packet.granulepos >= 0) {
                    lastGranule = packet.granulepos;
                }
                ended = packet.e_o_s != 0;
                if (block.synthesis(packet) == 0) {
                    dsp.synthesis_blockin(block);
                }
                int n;
                while ((n = dsp.synthesis_pcmout(pcm, offsets)) > 0) {
                    for (int c = 0; c < channels; c++) {
                        if (quantized[c] == null || quantized[c].length < n) {
                            quantized[c] = new float[n];
                        }
                        float[] src = pcm[0][c];
                        for (int i = 0, at = offsets[c]; i < n; i++, at++) {
                            quantized[c][i] = toShort(src[at]) / FULL_SCALE;
                        }
                    }
                    mono.addPlanar(quantized, n);
                    dsp.synthesis_read(n);
                }
            }
            float[] out = mono.toArray();
            if (lastGranule >= 0 && lastGranule < out.length) {
                out = Arrays.copyOf(out, (int) lastGranule); // the last block's padding
            }
            if (out.length == 0) {
                throw new InvalidInputException(file, "no audio: the Ogg Vorbis stream holds no samples");
            }
            return out;
        }

        /** ov_read's conversion: round half to even (SSE2 cvtsd2si), then clip to 16 bits. */
        private static int toShort(float x) {
            double v = Math.rint((double) (x * FULL_SCALE));
            return (int) Math.max(-32768, Math.min(32767, v));
        }

        /** The next page of our logical stream, fed to it; false at the end of the input. */
        private boolean nextPageOfStream() throws IOException {
            while (nextPage()) {
                if (page.serialno() == serial) {
                    stream.pagein(page);
                    return true;
                }
            }
            return false;
        }

        /** The next page of any stream. */
        private boolean nextPage() throws IOException {
            while (true) {
                int got = sync.pageout(page);
                if (got == 1) {
                    return true;
                }
                if (got < 0) {
                    throw new InvalidInputException(file, "corrupt Ogg: a damaged page (bad checksum or bytes between pages)"
                            + " near byte " + bytesRead);
                }
                if (endOfInput) {
                    return false;
                }
                int at = sync.buffer(READ_CHUNK);
                int n = in.read(sync.data, at, READ_CHUNK);
                if (n <= 0) {
                    endOfInput = true;
                    sync.wrote(0);
                } else {
                    sync.wrote(n);
                    bytesRead += n;
                }
            }
        }

        /** The codec a stream's first packet announces. */
        private static String codecOf(Packet p) {
            String head = new String(p.packet_base, p.packet, Math.min(p.bytes, 8), StandardCharsets.ISO_8859_1);
            if (head.startsWith("\u0001vorbis")) {
                return "Vorbis";
            }
            if (head.startsWith("OpusHead")) {
                return "Opus";
            }
            if (head.startsWith("\u007fFLAC")) {
                return "FLAC";
            }
            if (head.startsWith("Speex")) {
                return "Speex";
            }
            return "(unknown codec)";
        }
    }
}
