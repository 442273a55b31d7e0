package org.clamp3.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

import org.clamp3.core.io.MirroredTree;
import org.clamp3.preprocess.midi.MidiToMtf;
import org.clamp3.preprocess.xml.XmlToAbc;

/**
 * Files/s of midi2mtf and xml2abc on the symbolic test corpus (src-test-data/symbolic) replicated
 * N times, single-threaded and on all cores. Conversions run in memory (no output writing), so the
 * numbers are the converters' own speed.
 *
 * <p>Usage: {@code PreprocessBenchmark REPO_ROOT [replicas]}
 */
public final class PreprocessBenchmark {
    private PreprocessBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        int replicas = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path corpus = root.resolve("src-test-data/symbolic");
        List<Path> midi = new ArrayList<>();
        List<Path> xml = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String ext = MirroredTree.extension(p.getFileName().toString());
                if (ext.equals("mid") && p.getFileName().toString().startsWith("input")) {
                    midi.add(p);
                } else if (ext.equals("mxl") || ext.equals("musicxml") || (ext.equals("xml") && p.getFileName().toString().startsWith("abc2xml"))) {
                    xml.add(p);
                }
            });
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Machine.printHeader(String.format(Locale.ROOT, "preprocess benchmark: %d MIDI and %d MusicXML files x %d",
                midi.size(), xml.size(), replicas));
        for (String what : new String[] {"midi2mtf", "xml2abc"}) {
            List<Path> files = what.equals("midi2mtf") ? midi : xml;
            Function<Path, Object> convert = what.equals("midi2mtf") ? p -> MidiToMtf.convert(p, true) : XmlToAbc::convert;
            run(what, files, replicas, 1, convert); // warm-up
            for (int threads : new int[] {1, cores}) {
                double secs = run(what, files, replicas, threads, convert);
                int n = files.size() * replicas;
                System.out.printf(Locale.ROOT, "%-9s %d thread(s): %6d files in %6.2f s  %8.1f files/s%n", what, threads, n, secs, n / secs);
            }
        }
    }

    private static double run(String what, List<Path> files, int replicas, int threads, Function<Path, Object> convert)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t = System.nanoTime();
        List<Future<Object>> done = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            for (Path p : files) {
                done.add(pool.submit(() -> convert.apply(p)));
            }
        }
        for (Future<Object> f : done) {
            f.get();
        }
        pool.shutdown();
        return Bench.secs(t);
    }
}
