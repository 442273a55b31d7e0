package org.clamp3.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.clamp3.preprocess.audio.mert.MertFeatureExtractor;
import org.clamp3.preprocess.audio.mert.MertConfig;
import org.clamp3.preprocess.audio.mert.MertModel;

/**
 * Throughput of MERT feature extraction with a full-size MERT-v1-95M-shaped model (12 layers,
 * hidden 768, 7 conv layers of 512 channels) holding random weights, on synthetic audio:
 * seconds of audio per wall-clock second window by window (the original's way) and batched,
 * each the best of two alternating rounds; the same for a set of 5 s clips, one after another
 * against several in flight with their windows sharing passes; then the peak memory of one long
 * file (decode, resample, normalise and extract).
 *
 * <p>Usage: {@code MertBenchmark [audio-seconds=60] [long-file-minutes=10] [batch-size=8]}
 * (a long-file length of 0 skips that part).
 */
public final class MertBenchmark {
    private MertBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("clamp3-mert-bench");
        try {
            double peak = Machine.printHeader("MERT benchmark: full-size random model");
            long t0 = System.nanoTime();
            RandomMert.write(dir.resolve("mert"), RandomMert.MERT_V1_95M, "pytorch_model.bin");
            try (MertModel model = MertModel.load(dir.resolve("mert"))) {
                System.out.printf(Locale.ROOT, "model written and loaded in %.1f s%n", Bench.secs(t0));
                float[] audio = synthetic(seconds * 24_000, 24_000);
                new MertFeatureExtractor(model, batch).features(dir, audio.clone(), true); // warm-up
                // alternate the two ways and keep each one's best round, so a busy moment hurts neither alone
                double single = 0;
                double batched = 0;
                for (int round = 0; round < 2; round++) {
                    single = Math.max(single, throughput(new MertFeatureExtractor(model, 1), dir, audio, seconds));
                    batched = Math.max(batched, throughput(new MertFeatureExtractor(model, batch), dir, audio, seconds));
                }
                double[] flops = flopsPerWindow(model.config(), 5 * 24_000);
                double perAudioSecond = (flops[0] + flops[1] + flops[2] + flops[3]) / 5;
                System.out.printf(Locale.ROOT, "FLOPs per 5 s window: %.1f G (conv feature encoder %.1f, projection %.1f,"
                        + " positional conv %.1f, transformer %.1f)%n", 5 * perAudioSecond / 1e9, flops[0] / 1e9, flops[1] / 1e9,
                        flops[2] / 1e9, flops[3] / 1e9);
                System.out.printf(Locale.ROOT, "window at a time:   %7.2f audio-s per wall-s  %6.1f GFLOP/s (%3.0f%% of sgemm)%n",
                        single, single * perAudioSecond / 1e9, 100 * single * perAudioSecond / 1e9 / peak);
                System.out.printf(Locale.ROOT, "batched (%2d):       %7.2f audio-s per wall-s  %6.1f GFLOP/s (%3.0f%% of sgemm, %.2fx)%n",
                        batch, batched, batched * perAudioSecond / 1e9, 100 * batched * perAudioSecond / 1e9 / peak, batched / single);
                stages(model, flops, peak);
                acrossFiles(model, dir, batch, Math.max(batch, seconds / 5));
                if (minutes > 0) {
                    longFile(model, dir, minutes);
                }
            }
        } finally {
            Bench.deleteTree(dir);
        }
    }

    /**
     * Matrix-product FLOPs (2·m·n·k) of one window of {@code samples} samples:
     * {conv feature encoder, feature projection, positional convolution, transformer layers}.
     */
    static double[] flopsPerWindow(MertConfig c, int samples) {
        double conv = 0;
        long length = samples;
        int in = 1;
        for (int i = 0; i < c.convKernel().length; i++) {
            length = (length - c.convKernel()[i]) / c.convStride()[i] + 1;
            conv += 2.0 * c.convDim()[i] * in * c.convKernel()[i] * length;
            in = c.convDim()[i];
        }
        double t = length;
        double h = c.hiddenSize();
        double projection = 2.0 * t * c.featureChannels() * h;
        double positional = 2.0 * t * h * (h / c.posConvGroups()) * c.posConvKernel();
        double transformer = c.numLayers() * (2.0 * t * (4 * h * h + 2 * h * c.intermediateSize()) + 4.0 * t * t * h);
        return new double[] {conv, projection, positional, transformer};
    }

    /** Where one 5 s window's time goes, stage by stage, each as GFLOP/s and a share of sgemm (best of 3). */
    private static void stages(MertModel model, double[] flops, double peak) {
        float[][] window = {synthetic(5 * 24_000, 24_000)};
        java.util.Map<String, Double> best = new java.util.LinkedHashMap<>();
        for (int round = 0; round < 4; round++) {
            java.util.Map<String, Double> p = model.profile(window);
            if (round > 0) {
                p.forEach((k, v) -> best.merge(k, v, Math::min));
            }
        }
        double total = best.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "one 5 s window, stage by stage (%.3f s in all):%n", total);
        String[] names = {"conv feature encoder", "feature projection", "positional conv + LayerNorm", "transformer layers"};
        for (int i = 0; i < names.length; i++) {
            double s = best.getOrDefault(names[i], 0.0);
            System.out.printf(Locale.ROOT, "  %-28s %6.3f s (%4.1f%%)  %6.1f GFLOP/s (%3.0f%% of sgemm)%n", names[i], s,
                    100 * s / total, flops[i] / s / 1e9, 100 * flops[i] / s / 1e9 / peak);
        }
        System.out.printf(Locale.ROOT, "  %-28s %6.3f s%n", "pooling", best.getOrDefault("pooling", 0.0));
    }

    private static double throughput(MertFeatureExtractor extractor, Path name, float[] audio, int seconds) {
        long t = System.nanoTime();
        extractor.features(name, audio.clone(), true);
        return seconds / Bench.secs(t);
    }

    /**
     * {@code clips} 5 s clips (one window each): extracted one after another, window at a time,
     * and by {@code batch} threads at once sharing passes of up to {@code batch} windows.
     */
    private static void acrossFiles(MertModel model, Path name, int batch, int clips) throws InterruptedException {
        float[][] audio = new float[clips][];
        for (int i = 0; i < clips; i++) {
            audio[i] = Arrays.copyOfRange(synthetic(5 * 24_000 * (i + 1), 24_000), 5 * 24_000 * i, 5 * 24_000 * (i + 1));
        }
        double single = 0;
        double shared = 0;
        for (int round = 0; round < 2; round++) {
            MertFeatureExtractor one = new MertFeatureExtractor(model, 1);
            long t = System.nanoTime();
            for (float[] clip : audio) {
                one.features(name, clip.clone(), true);
            }
            single = Math.max(single, clips * 5 / Bench.secs(t));
            MertFeatureExtractor batched = new MertFeatureExtractor(model, batch);
            ExecutorService pool = Executors.newFixedThreadPool(batch);
            t = System.nanoTime();
            for (float[] clip : audio) {
                pool.execute(() -> batched.features(name, clip.clone(), true));
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            shared = Math.max(shared, clips * 5 / Bench.secs(t));
        }
        System.out.printf(Locale.ROOT, "%d clips of 5 s, one by one:          %7.2f audio-s per wall-s%n", clips, single);
        System.out.printf(Locale.ROOT, "%d clips of 5 s, %2d in flight, batched: %7.2f audio-s per wall-s  (%.2fx)%n",
                clips, batch, shared, shared / single);
    }

    /**
     * Decodes, resamples and extracts one long 44.1 kHz stereo WAV window by window (the default of
     * {@code preprocess mert}), reporting time and peak memory. The RSS before includes what
     * generating the random model left behind; the growth from there is what the long file costs.
     */
    private static void longFile(MertModel model, Path dir, int minutes) throws IOException {
        Path wav = dir.resolve("long.wav");
        writeStereoWav(wav, minutes * 60 * 44_100, 44_100);
        System.gc(); // lets G1 give back the heap the model generation used
        String rssBefore = rss("VmRSS:");
        resetPeakMemory();
        long t = System.nanoTime();
        new MertFeatureExtractor(model, 1).extract(wav, true);
        double wall = Bench.secs(t);
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "%d-minute 44.1 kHz stereo WAV (%.0f MB): %.1f s (%.2f audio-s per wall-s),"
                        + " peak Java heap %.0f MB, process RSS %s before, peak %s during%n",
                minutes, Files.size(wav) / 1e6, wall, minutes * 60 / wall, heapPeak / 1e6, rssBefore, rss("VmHWM:"));
    }

    /** Resets the JVM pools' peaks and, on Linux, the process's peak RSS (VmHWM). */
    private static void resetPeakMemory() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: VmHWM then covers the whole run
        }
    }

    /** A line of /proc/self/status (VmRSS: now, VmHWM: peak) in MB; "n/a" off Linux. */
    private static String rss(String field) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%.0f MB", Long.parseLong(l.replaceAll("\\D", "")) / 1e3))
                    .orElse("n/a");
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** A chord with a slow tremolo and a little noise, so no stage sees trivial input. */
    private static float[] synthetic(int samples, int rate) {
        Random random = new Random(7);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            double chord = Math.sin(2 * Math.PI * 220 * t) + 0.5 * Math.sin(2 * Math.PI * 277.2 * t)
                    + 0.3 * Math.sin(2 * Math.PI * 329.6 * t);
            x[i] = (float) (0.2 * chord * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.5 * t)) + 0.01 * random.nextGaussian());
        }
        return x;
    }

    private static void writeStereoWav(Path file, int frames, int rate) throws IOException {
        float[] left = synthetic(frames, rate);
        long dataBytes = (long) frames * 4;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes())
                    .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate)
                    .putInt(rate * 4).putShort((short) 4).putShort((short) 16)
                    .put("data".getBytes()).putInt((int) dataBytes);
            out.write(h.array());
            ByteBuffer frame = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < frames; i++) {
                short s = (short) Math.round(left[i] * 32767);
                frame.clear();
                frame.putShort(s).putShort((short) -s);
                out.write(frame.array());
            }
        }
    }
}
