package org.clamp3.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.clamp3.core.features.FeatureFile;
import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.retrieval.KeyPairing;
import org.clamp3.core.util.JsonLines;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The query and reference folders that score and eval share, and how unmatched files are
 * handled: listed in a JSONL file; the command stops unless {@code --allow-unmatched}.
 */
final class PairedFolders {

    @Parameters(index = "0", paramLabel = "QUERY_DIR", description = "Folder of query features (.npy), searched recursively.")
    String queryDir;

    @Parameters(index = "1", paramLabel = "REF_DIR", description = "Folder of reference features (.npy), searched recursively.")
    String referenceDir;

    @Option(names = "--allow-unmatched",
            description = "Go on with the matched files when some query or reference has no partner.")
    boolean allowUnmatched;

    @Option(names = "--unmatched", defaultValue = "unmatched_files.jsonl", paramLabel = "FILE",
            description = "Where unmatched files are listed (default: ${DEFAULT-VALUE}).")
    Path unmatchedFile;

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    /** Both folders' features, checked to be non-empty and of one dimension. */
    record Loaded(FeatureSet queries, FeatureSet references) {}

    /**
     * Prints the folder lines (unless {@code quiet}) and reads both folders; bad files go to
     * {@code errors}, and a folder with nothing usable stops the command.
     */
    Loaded load(PrintWriter out, ErrorReport errors, boolean quiet) throws IOException {
        if (!quiet) {
            out.println("Query folder: " + queryDir);
            out.println("Reference folder: " + referenceDir);
            out.flush();
        }
        FeatureSet queries = FeatureSet.load(queryDir, errors::add);
        FeatureSet references = FeatureSet.load(referenceDir, errors::add);
        if (queries.isEmpty() || references.isEmpty()) {
            errors.finish(errorsOption.file);
            String dir = queries.isEmpty() ? queryDir : referenceDir;
            throw new InvalidInputException(Path.of(dir), "no usable .npy features in this folder");
        }
        if (queries.dimension() != references.dimension()) {
            errors.finish(errorsOption.file);
            throw new InvalidInputException(Path.of(queryDir), "queries have dimension "
                    + queries.dimension() + " but the references in " + referenceDir + " have " + references.dimension());
        }
        return new Loaded(queries, references);
    }

    /**
     * Pairs the two sets by key. Unmatched files are written to the unmatched list; unless
     * {@code --allow-unmatched}, that stops the command.
     */
    KeyPairing pair(Loaded loaded, PrintWriter err, ErrorReport errors) throws IOException {
        KeyPairing pairing = new KeyPairing(loaded.queries(), loaded.references());
        for (FeatureFile dup : pairing.duplicateReferences()) {
            err.println("warning: " + dup.shown() + ": another reference already has key '"
                    + dup.pairingKey() + "'; this one is not used");
        }
        if (!pairing.allMatched()) {
            List<Map<String, Object>> records = pairing.unmatchedRecords();
            JsonLines.write(unmatchedFile, records);
            String what = "there are " + records.size() + " unmatched query or reference files; see '"
                    + unmatchedFile + "'";
            if (!allowUnmatched) {
                errors.finish(errorsOption.file);
                throw new InvalidInputException(Path.of(queryDir), what
                        + " (use --allow-unmatched to go on with the matched files)");
            }
            err.println("warning: " + what);
        }
        if (pairing.commonKeys().isEmpty()) {
            errors.finish(errorsOption.file);
            throw new InvalidInputException(Path.of(queryDir), "no query pairs with a reference in " + referenceDir);
        }
        err.flush();
        return pairing;
    }
}
