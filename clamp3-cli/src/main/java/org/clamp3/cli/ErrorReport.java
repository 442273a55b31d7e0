package org.clamp3.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.util.JsonLines;

/**
 * Collects the inputs a command could not use: each is printed as one line on stderr as it
 * happens, and all are written to a JSONL report ({@code {"file": .., "error": ..}}) at the end.
 */
public final class ErrorReport {
    private final PrintWriter err;
    private final List<Map<String, Object>> records = new ArrayList<>();

    public ErrorReport(PrintWriter err) {
        this.err = err;
    }

    public synchronized void add(InvalidInputException e) {
        String message = Hints.message(e);
        err.println("error: " + message);
        err.flush();
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("file", e.file() == null ? null : e.file().toString());
        rec.put("error", message);
        records.add(rec);
    }

    public synchronized boolean isEmpty() {
        return records.isEmpty();
    }

    public synchronized int size() {
        return records.size();
    }

    /** Writes the report if anything failed and says where; returns the exit code to use. */
    public synchronized int finish(Path reportFile) throws IOException {
        if (records.isEmpty()) {
            return ExitCodes.OK;
        }
        JsonLines.write(reportFile, records);
        err.println(records.size() + " input file(s) failed; see " + reportFile);
        err.flush();
        return ExitCodes.INPUT_FAILED;
    }
}
