package org.clamp3.core.features;

import java.nio.file.Path;

/**
 * A {@code .npy} file found under a feature folder.
 *
 * @param file     where it is on disk
 * @param relative its path below the folder, with '/' separators (e.g. {@code en/piece0001.1.npy})
 * @param shown    the path as the original scripts print it: the folder argument as typed, joined
 *                 with {@code relative} the way Python's os.path.join does
 */
public record FeatureFile(Path file, String relative, String shown) {

    /** Relative folder plus the file name up to its first dot: how queries pair with references. */
    public String pairingKey() {
        int slash = relative.lastIndexOf('/');
        String name = relative.substring(slash + 1);
        int dot = name.indexOf('.');
        return relative.substring(0, slash + 1) + (dot < 0 ? name : name.substring(0, dot));
    }

    /** Relative path without the {@code .npy} extension: the key search results are listed by. */
    public String searchKey() {
        return relative.endsWith(".npy") ? relative.substring(0, relative.length() - 4) : relative;
    }

    /** The file name up to its first underscore: the class label of a linear-probe example. */
    public String probeLabel() {
        String name = file.getFileName().toString();
        int us = name.indexOf('_');
        return us < 0 ? name : name.substring(0, us); // like the original: no '_' means the whole name
    }
}
