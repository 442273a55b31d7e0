package org.clamp3.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.clamp3.core.io.InvalidInputException;

/**
 * Checks an index end to end: every file's checksum and structure (Lucene's CheckIndex), then
 * what only we know: the counts in the commit match the documents, every vector is finite,
 * unit-length and of the index's dimension, every item carries the index's model fingerprint, no
 * key is indexed twice and every segment belongs to an item.
 */
public final class IndexVerifier {
    /** How far from 1 a stored unit vector's norm may be (float32 rounding is far below). */
    static final double UNIT_TOLERANCE = 1e-3;
    private static final int MAX_PROBLEMS = 20;

    private IndexVerifier() {}

    /** The problems found, each one line; empty when the index is sound. */
    public static List<String> verify(Path dir) {
        List<String> problems = new ArrayList<>();
        if (!MusicIndex.exists(dir)) {
            problems.add(dir + ": no index here (no Lucene commit)");
            return problems;
        }
        checkFiles(dir, problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        try (MusicIndex index = MusicIndex.open(dir)) {
            checkContent(index, problems);
        } catch (InvalidInputException e) {
            problems.add(e.getMessage());
        } catch (IOException | RuntimeException e) {
            problems.add(dir + ": " + MusicIndex.firstLine(e));
        }
        return problems;
    }

    private static void checkFiles(Path dir, List<String> problems) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Directory d = FSDirectory.open(dir); CheckIndex check = new CheckIndex(d)) {
            check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
            CheckIndex.Status status = check.checkIndex();
            if (!status.clean) {
                List<String> found = corruptFiles(log.toString(StandardCharsets.UTF_8));
                String segments = status.missingSegments ? "the commit point cannot be read"
                        : status.numBadSegments + " of " + status.numSegments + " Lucene segment(s) damaged";
                problems.add(dir + ": " + segments + (found.isEmpty() ? "" : ": " + String.join("; ", found)));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(dir + ": cannot check the index files: " + MusicIndex.firstLine(e));
        }
    }

    private static final Pattern EXCEPTION = Pattern.compile("(?:Corrupt\\w*Exception|EOFException|IOException|NoSuchFileException): (.*?)(?: \\(resource=.*?path=\"([^\"]+)\".*)?$");

    /** "file: what is wrong" for each exception CheckIndex logged, without stack frames. */
    static List<String> corruptFiles(String log) {
        List<String> found = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher m = EXCEPTION.matcher(line.trim());
            if (m.find()) {
                String what = m.group(1).trim();
                String file = m.group(2) == null ? null : Path.of(m.group(2)).getFileName().toString();
                String entry = file == null ? what : file + ": " + what;
                if (!found.contains(entry)) {
                    found.add(entry);
                }
            }
        }
        return found.subList(0, Math.min(3, found.size()));
    }

    private static void checkContent(MusicIndex index, List<String> problems) throws IOException {
        IndexMeta meta = index.meta();
        long items = index.countKind(IndexFields.ITEM);
        long segments = index.countKind(IndexFields.SEGMENT);
        if (items != meta.items()) {
            problems.add("the commit says " + meta.items() + " items, the index holds " + items);
        }
        if (segments != meta.segments()) {
            problems.add("the commit says " + meta.segments() + " segments, the index holds " + segments);
        }
        if (items + segments != index.liveDocuments()) {
            problems.add((index.liveDocuments() - items - segments) + " documents are neither items nor segments");
        }
        Set<String> itemKeys = new HashSet<>();
        Set<String> segmentKeys = new HashSet<>();
        for (LeafReaderContext ctx : index.reader().leaves()) {
            LeafReader leaf = ctx.reader();
            FloatVectorValues values = leaf.getFloatVectorValues(IndexFields.VECTOR);
            var live = leaf.getLiveDocs();
            var stored = leaf.storedFields();
            for (int doc = 0; doc < leaf.maxDoc() && problems.size() < MAX_PROBLEMS; doc++) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                Document d = stored.document(doc);
                String key = d.get(IndexFields.KEY);
                String where = "entry '" + key + "'";
                if (values == null || values.docID() > doc || values.advance(doc) != doc) {
                    problems.add(where + " has no vector");
                    continue;
                }
                float[] v = values.vectorValue();
                checkVector(where, v, meta.dimension(), problems);
                if (IndexFields.ITEM.equals(d.get(IndexFields.KIND))) {
                    if (!itemKeys.add(key)) {
                        problems.add(where + " is indexed twice");
                    }
                    String model = d.get(IndexFields.MODEL);
                    if (meta.model() != null && !meta.model().equals(model)) {
                        problems.add(where + " was embedded by model " + IndexUpdater.describe(model)
                                + ", the index says " + meta.model());
                    }
                } else {
                    segmentKeys.add(key);
                }
            }
        }
        segmentKeys.removeAll(itemKeys);
        for (String orphan : segmentKeys) {
            problems.add("segments of '" + orphan + "' have no item");
        }
    }

    private static void checkVector(String where, float[] v, int dimension, List<String> problems) {
        if (v.length != dimension) {
            problems.add(where + ": vector of dimension " + v.length + ", the index says " + dimension);
            return;
        }
        double sum = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                problems.add(where + ": vector holds " + x);
                return;
            }
            sum += (double) x * x;
        }
        if (Math.abs(Math.sqrt(sum) - 1) > UNIT_TOLERANCE) {
            problems.add(where + ": vector has norm " + Math.sqrt(sum) + ", not 1");
        }
    }
}
