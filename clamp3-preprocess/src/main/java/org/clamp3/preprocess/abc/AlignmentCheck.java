package org.clamp3.preprocess.abc;

import java.util.List;
import java.util.Map;

import org.clamp3.core.py.PyList;

/**
 * Compares the voices bar by bar, as abctoolkit's {@code check_alignment_unrotated}: same number
 * of bars, and each bar as long as the first voice's. Differences are only reported.
 */
final class AlignmentCheck {

    /** What the check found. */
    record Result(boolean barCountsEqual, boolean durationsEqual) {}

    private AlignmentCheck() {}

    /** Checks the tune; per-bar findings are added to {@code messages} as the original prints them. */
    static Result check(AbcVoices tune, List<PipelineMessage> messages) {
        List<String> reference = tune.first().texts();
        boolean barCountsEqual = true;
        for (VoiceBars v : tune.voices().values()) {
            barCountsEqual &= v.texts().size() == reference.size();
        }
        boolean durationsEqual = true;
        for (int i = 0; i < reference.size(); i++) {
            Fraction expected = BarDuration.of(reference.get(i), messages);
            if (expected == null) {
                // the original stops checking at the first bar of voice 1 it cannot measure
                durationsEqual = false;
                break;
            }
            for (Map.Entry<String, VoiceBars> e : tune.voices().entrySet()) {
                if (e.getKey().equals(AbcVoices.FIRST_VOICE)) {
                    continue;
                }
                Fraction d = BarDuration.of(PyList.get(e.getValue().texts(), i), messages);
                if (!expected.equals(d)) {
                    messages.add(PipelineMessage.plain("Odd bar duration  " + e.getKey() + "  bar  " + i));
                    durationsEqual = false;
                }
            }
        }
        return new Result(barCountsEqual, durationsEqual);
    }
}
