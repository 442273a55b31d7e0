package org.clamp3.core.pipeline;

import java.util.EnumMap;
import java.util.Map;

/** How many files of a batch ended each way; its {@link #line} is the summary every command prints. */
public final class BatchSummary {
    private final Map<BatchListener.Outcome, Integer> counts = new EnumMap<>(BatchListener.Outcome.class);

    void add(BatchListener.Outcome outcome) {
        counts.merge(outcome, 1, Integer::sum);
    }

    public int count(BatchListener.Outcome outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    public int written() {
        return count(BatchListener.Outcome.WRITTEN);
    }

    public int skipped() {
        return count(BatchListener.Outcome.SKIPPED);
    }

    public int failed() {
        return count(BatchListener.Outcome.FAILED);
    }

    /**
     * "extract: 3 written to out, 2 skipped (complete output exists), 1 gave no output, 1 failed":
     * zero counts other than written are left out.
     *
     * @param where where the outputs went (null: not said)
     */
    public String line(String verb, Object where) {
        StringBuilder sb = new StringBuilder(verb).append(": ").append(written()).append(" written");
        if (where != null) {
            sb.append(" to ").append(where);
        }
        if (skipped() > 0) {
            sb.append(", ").append(skipped()).append(" skipped (complete output exists)");
        }
        if (count(BatchListener.Outcome.NO_OUTPUT) > 0) {
            sb.append(", ").append(count(BatchListener.Outcome.NO_OUTPUT)).append(" gave no output");
        }
        if (failed() > 0) {
            sb.append(", ").append(failed()).append(" failed");
        }
        return sb.toString();
    }
}
