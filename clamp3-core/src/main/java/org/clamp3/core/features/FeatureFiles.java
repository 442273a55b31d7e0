package org.clamp3.core.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.clamp3.core.io.InvalidInputException;

/** Lists the {@code .npy} files below a folder, in a fixed order (by relative path). */
public final class FeatureFiles {
    private FeatureFiles() {}

    /**
     * @param folder the folder as the user typed it; it also prefixes the printed paths
     * @throws InvalidInputException if the folder does not exist or is not a folder
     */
    public static List<FeatureFile> list(String folder) {
        Path root = Path.of(folder);
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root, Files.exists(root) ? "not a folder" : "no such folder");
        }
        List<FeatureFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName().toString().endsWith(".npy") && Files.isRegularFile(p))
                    .forEach(p -> {
                        String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                        out.add(new FeatureFile(p, rel, join(folder, rel)));
                    });
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(root, "no such folder");
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(root, "cannot list folder: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(FeatureFile::relative));
        return out;
    }

    /** os.path.join(folder, rel) for a relative rel. */
    static String join(String folder, String rel) {
        return folder.isEmpty() || folder.endsWith("/") ? folder + rel : folder + "/" + rel;
    }
}
