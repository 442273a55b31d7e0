package org.clamp3.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers only ever see the old file or the complete new one: the bytes
 * go to a temporary file in the same folder, which is then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Receives the stream the new file's bytes are written to. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.writeTo(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Deletes the temporary files that writes of {@code targets} (files in {@code dir}) left
     * behind when their process was killed before the rename ({@code .NAME.<digits>.tmp});
     * lists the folder once. Only for targets about to be written again, by this process alone.
     *
     * @return how many were deleted
     */
    public static int removeLeftovers(Path dir, java.util.Set<String> targets) throws IOException {
        if (targets.isEmpty() || !Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String inner = name.substring(1, name.length() - ".tmp".length());
                int dot = inner.lastIndexOf('.');
                if (dot > 0 && inner.substring(dot + 1).matches("[0-9]+") && targets.contains(inner.substring(0, dot))
                        && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }
}
