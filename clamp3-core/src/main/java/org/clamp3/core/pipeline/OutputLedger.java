package org.clamp3.core.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record, kept in each output folder, of the outputs batches wrote there and their sizes: how
 * a later run knows that a text output (which has no header to check) is complete. One line per
 * output, {@code size<TAB>file name}, appended after the output's atomic rename; the last line for
 * a name wins, and a line cut short by a kill is ignored, so the worst case is redoing a file.
 * Each line is appended with one write, so batches sharing a folder (shards) do not tear lines.
 * Kept per folder, not per run, so runs over a sub-folder or a single file see the same record.
 */
public final class OutputLedger {
    /** The ledger's name in an output folder (hidden; no input format takes it). */
    public static final String FILE_NAME = ".clamp3-outputs.tsv";

    private final Map<Path, Map<String, Long>> folders = new HashMap<>();

    /** True when the folder's ledger recorded this output with the size it has now. */
    public synchronized boolean recorded(Path output) {
        Path abs = output.toAbsolutePath().normalize();
        Long size = folder(abs.getParent()).get(abs.getFileName().toString());
        try {
            return size != null && Files.isRegularFile(abs) && Files.size(abs) == size;
        } catch (IOException e) {
            return false;
        }
    }

    /** Records an output just written. */
    public synchronized void record(Path output) throws IOException {
        Path abs = output.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        long size = Files.size(abs);
        byte[] line = (size + "\t" + name + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(abs.getParent().resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            out.write(line);
        }
        folder(abs.getParent()).put(name, size);
    }

    private Map<String, Long> folder(Path dir) {
        return folders.computeIfAbsent(dir, OutputLedger::read);
    }

    private static Map<String, Long> read(Path dir) {
        Map<String, Long> sizes = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(FILE_NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException | CharacterCodingException e) {
            return sizes; // none yet, or damaged: text outputs there are redone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                try {
                    sizes.put(line.substring(tab + 1), Long.parseLong(line.substring(0, tab)));
                } catch (NumberFormatException e) {
                    // a torn line: ignored
                }
            }
        }
        return sizes;
    }
}
