package org.clamp3.preprocess.abc;

/**
 * One line the original interleaving prints about a file.
 *
 * @param namesFile whether the original starts the line with the file's path
 * @param text      the line without that path
 */
public record PipelineMessage(boolean namesFile, String text) {

    static PipelineMessage plain(String text) {
        return new PipelineMessage(false, text);
    }

    static PipelineMessage aboutFile(String text) {
        return new PipelineMessage(true, text);
    }

    /** The line exactly as the original prints it when the file's path is {@code path}. */
    public String printedFor(String path) {
        return namesFile ? path + " " + text : text;
    }
}
