package org.clamp3.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Maps an input file or folder tree onto an output tree: {@code IN/a/b/x.mid} becomes
 * {@code OUT/a/b/x.<ext>}. A single input file maps into OUT (a folder) under its own name.
 */
public final class MirroredTree {
    private MirroredTree() {}

    /**
     * @param extensions lower-case extensions (without dot) to take; others are ignored
     * @param newExtension the outputs' extension, without dot
     */
    public static List<FileTask> tasks(Path in, Path out, Set<String> extensions, String newExtension) {
        if (!Files.exists(in)) {
            throw new InvalidInputException(in, "no such file or folder");
        }
        List<FileTask> tasks = new ArrayList<>();
        if (Files.isRegularFile(in)) {
            String name = in.getFileName().toString();
            if (!extensions.contains(extension(name))) {
                throw new InvalidInputException(in, "unsupported file type (expected ." + String.join(", .", extensions) + ")");
            }
            tasks.add(new FileTask(in, name, out.resolve(replaceExtension(name, newExtension))));
            return tasks;
        }
        try (Stream<Path> walk = Files.walk(in)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> extensions.contains(extension(p.getFileName().toString())))
                    .forEach(p -> {
                        String rel = in.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                        tasks.add(new FileTask(p, rel, out.resolve(replaceExtension(rel, newExtension))));
                    });
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(in, "cannot list folder: " + e.getMessage(), e);
        }
        tasks.sort(Comparator.comparing(FileTask::relative));
        return tasks;
    }

    /**
     * Removes tasks whose output an earlier task already produces ({@code x.txt} and {@code x.abc}
     * both map to {@code x.npy}), reporting each one instead of letting it overwrite the other.
     */
    public static List<FileTask> withoutCollisions(List<FileTask> tasks, java.util.function.Consumer<InvalidInputException> errors) {
        java.util.Map<Path, FileTask> first = new java.util.HashMap<>();
        List<FileTask> kept = new ArrayList<>(tasks.size());
        for (FileTask t : tasks) {
            FileTask earlier = first.putIfAbsent(t.output().toAbsolutePath().normalize(), t);
            if (earlier == null) {
                kept.add(t);
            } else {
                errors.accept(new InvalidInputException(t.input(), "its output " + t.output()
                        + " is already the output of " + earlier.input() + "; rename one of them"));
            }
        }
        return kept;
    }

    /** Lower-case extension without the dot, "" if none. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** {@code a/b/x.mid} → {@code a/b/x.<ext>}: the base name is kept, only the last extension changes. */
    public static String replaceExtension(String rel, String newExtension) {
        int slash = rel.lastIndexOf('/');
        int dot = rel.lastIndexOf('.');
        String stem = dot > slash ? rel.substring(0, dot) : rel;
        return stem + "." + newExtension;
    }
}
