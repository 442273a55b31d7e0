package org.clamp3.preprocess.abc;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.py.PyError;
import org.clamp3.core.py.PyStr;

/**
 * Standard ABC (as xml2abc writes it) to CLaMP 3's interleaved ABC, byte for byte as the
 * original {@code batch_interleaved_abc.py} with abctoolkit 0.0.4 produces it: title, composer,
 * lyrics and MIDI lines dropped, bar-number comments removed, empty bars at both ends cut, and the
 * voices rotated so that each line holds one bar of every voice ({@code [V:1]…|[V:2]…|}).
 *
 * <p>What the original prints is kept: as warnings of the result, or, where it writes no file,
 * in the {@link AbcInterleaveException} thrown instead. The original's quirks are reproduced
 * (see the fixture README), including where they lose music.
 */
public final class AbcInterleaver {
    /** Lines starting with these are dropped wherever they are. */
    private static final List<String> DROPPED_FIELDS = List.of("X:", "T:", "C:", "W:", "w:", "Z:", "%%MIDI");

    private AbcInterleaver() {}

    /**
     * Interleaves one tune.
     *
     * @param abc the file's text, line ends already normalised to {@code \n}
     * @throws AbcInterleaveException where the original writes nothing
     */
    public static InterleavedAbc interleave(String abc) {
        List<PipelineMessage> messages = new ArrayList<>();
        try {
            List<String> lines = cleanQuotes(withoutBarNumbers(withoutDroppedFields(nonBlankLines(abc))));
            List<String> stripped;
            try {
                stripped = EmptyBarStripper.strip(lines, messages);
            } catch (PyError e) {
                throw failure("Error in stripping empty bars: " + e.getMessage(), messages);
            }
            if (stripped == null) {
                // the reason is what the stripper printed last ("Unequal bar numbers.", "Empty piece.")
                String reason = messages.get(messages.size() - 1).text();
                messages.add(PipelineMessage.aboutFile("Failed to strip"));
                throw new AbcInterleaveException(reason, messages);
            }
            AbcVoices tune = AbcVoices.parse(stripped);
            AlignmentCheck.Result check = AlignmentCheck.check(tune, messages);
            if (!check.barCountsEqual()) {
                messages.add(PipelineMessage.aboutFile("Unequal bar number"));
            }
            if (!check.durationsEqual()) {
                messages.add(PipelineMessage.aboutFile("Unequal bar duration (unaligned)"));
            }
            try {
                return new InterleavedAbc(VoiceRotator.rotate(tune), messages);
            } catch (PyError e) {
                throw failure("Error in rotating: " + e.getMessage(), messages);
            }
        } catch (PyError e) {
            // raised outside the original's own try blocks: its batch loop prints it and moves on
            throw failure(e.getMessage(), messages);
        } catch (TooComplexException e) {
            // where the original would run for hours; reported like its failures
            throw failure(e.getMessage(), messages);
        }
    }

    private static AbcInterleaveException failure(String text, List<PipelineMessage> messages) {
        messages.add(PipelineMessage.aboutFile(text));
        return new AbcInterleaveException(text, messages);
    }

    /** The lines with their line ends, as {@code readlines()}, without blank ones. */
    private static List<String> nonBlankLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(start, end);
            if (!PyStr.strip(line).isEmpty()) {
                lines.add(line);
            }
            start = end;
        }
        return lines;
    }

    private static List<String> withoutDroppedFields(List<String> lines) {
        return lines.stream().filter(l -> DROPPED_FIELDS.stream().noneMatch(l::startsWith)).toList();
    }

    /** Removes a bar-number comment ({@code %12}) ending a body line; the file's last line keeps one without a line end. */
    private static List<String> withoutBarNumbers(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        for (int i = AbcVoices.bodyStart(lines); i < out.size(); i++) {
            String line = out.get(i);
            if (!line.endsWith("\n")) {
                continue;
            }
            int digits = line.length() - 1;
            while (digits > 0 && PyStr.isDecimal(line.codePointBefore(digits))) {
                digits -= Character.charCount(line.codePointBefore(digits));
            }
            if (digits < line.length() - 1 && digits > 0 && line.charAt(digits - 1) == '%') {
                out.set(i, line.substring(0, digits - 1) + "\n");
            }
        }
        return out;
    }

    /**
     * In music lines: drops escaped quotes {@code \"}, and every quoted string that holds a barline
     * token. As in the original, the second step starts from the line as it was before the first,
     * so on a line where both apply the escaped quotes stay.
     */
    private static List<String> cleanQuotes(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            String line = out.get(i);
            boolean field = line.length() >= 2 && line.charAt(1) == ':'
                    && ((line.charAt(0) >= 'A' && line.charAt(0) <= 'Z') || (line.charAt(0) >= 'a' && line.charAt(0) <= 'z'));
            if (field || line.startsWith("%")) {
                continue;
            }
            out.set(i, line.replace("\\\"", ""));
            List<String> quotes = AbcText.quotes(line);
            List<String> removals = new ArrayList<>();
            for (String quote : quotes) {
                // the original replaces once per barline token found in the quote
                for (int k = Barlines.countTokensIn(quote); k > 0; k--) {
                    removals.add(quote);
                }
            }
            if (!removals.isEmpty()) {
                out.set(i, AbcText.replaceEach(line, removals, ""));
            }
        }
        return out;
    }
}
