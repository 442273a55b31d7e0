package org.clamp3.core.py;

/** Python's {@code os.path} on POSIX, for the file names the original scripts derive and print. */
public final class PyOsPath {
    private PyOsPath() {}

    /**
     * {@code os.path.splitext(path)}: {root, ext} where ext is the last dot and what follows it in
     * the last name, or empty when that name has no dot after its leading dots.
     */
    public static String[] splitext(String path) {
        int sep = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot > sep) {
            for (int i = sep + 1; i < dot; i++) {
                if (path.charAt(i) != '.') {
                    return new String[] {path.substring(0, dot), path.substring(dot)};
                }
            }
        }
        return new String[] {path, ""};
    }
}
