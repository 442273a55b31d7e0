package org.clamp3.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureSetTest {

    @Test
    void badFilesAreReportedOneLineEachAndLeftOut(@TempDir Path dir) throws IOException {
        Npy.writeFloat32(dir.resolve("good1.npy"), new float[] {1, 2, 3}, 1, 3);
        Npy.writeFloat32(dir.resolve("good2.npy"), new float[] {1, 2, 4}, 3);
        Npy.writeFloat32(dir.resolve("good3.npy"), new float[] {1, 1, 1}, 1, 1, 3);
        Npy.writeFloat32(dir.resolve("nan.npy"), new float[] {1, Float.NaN, 3}, 1, 3);
        Npy.writeFloat32(dir.resolve("inf.npy"), new float[] {Float.NEGATIVE_INFINITY, 0, 3}, 1, 3);
        Npy.writeFloat32(dir.resolve("temporal.npy"), new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        Npy.writeFloat32(dir.resolve("wide.npy"), new float[] {1, 2, 3, 4}, 1, 4);
        Npy.write(dir.resolve("ints.npy"), org.clamp3.core.io.NpyArray.ofInts(new int[] {1, 2, 3}, 1, 3));
        Files.writeString(dir.resolve("junk.npy"), "junk");
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        List<InvalidInputException> errors = new ArrayList<>();
        FeatureSet set = FeatureSet.load(dir.toString(), errors::add);
        assertEquals(3, set.size());
        assertEquals(3, set.dimension());
        assertEquals(List.of("good1.npy", "good2.npy", "good3.npy"),
                set.files().stream().map(FeatureFile::relative).toList());
        List<String> messages = errors.stream().map(e -> dir.relativize(e.file()) + " -> "
                + e.getMessage().substring(e.file().toString().length() + 2)).toList();
        assertEquals(List.of(
                "inf.npy -> value -Infinity at index 0 (features must be finite)",
                "ints.npy -> expected float features, got int32",
                "junk.npy -> not a .npy file (no \\x93NUMPY magic)",
                "nan.npy -> value NaN at index 1 (features must be finite)",
                "temporal.npy -> expected a global feature of shape (1, D), got shape (1, 2, 3)"
                        + " (a temporal feature; global features are needed)",
                "wide.npy -> dimension 4 differs from the 3 of the other features"), messages);
        // the library names no option: it says what would help, the application says how
        assertEquals(List.of("temporal.npy"), errors.stream()
                .filter(e -> e.hint().equals(java.util.Optional.of(InvalidInputException.Hint.GLOBAL_FEATURES_NEEDED)))
                .map(e -> e.file().getFileName().toString()).toList());
        for (InvalidInputException e : errors) {
            assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
        }
    }

    @Test
    void keysFollowTheOriginalRules() {
        FeatureFile f = new FeatureFile(Path.of("q/en/piece0001.2.npy"), "en/piece0001.2.npy", "q/en/piece0001.2.npy");
        assertEquals("en/piece0001", f.pairingKey());
        assertEquals("en/piece0001.2", f.searchKey());
        assertEquals("rock", new FeatureFile(Path.of("t/rock_01.npy"), "rock_01.npy", "t/rock_01.npy").probeLabel());
        assertEquals("x", new FeatureFile(Path.of("x.npy"), "x.npy", "q/x.npy").pairingKey());
        assertEquals("q/x.npy", FeatureFiles.join("q", "x.npy"));
        assertEquals("q/x.npy", FeatureFiles.join("q/", "x.npy"));
    }

    @Test
    void aMissingFolderIsOneClearError(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FeatureSet.load(dir.resolve("nope").toString(), x -> { }));
        assertEquals(dir.resolve("nope") + ": no such folder", e.getMessage());
    }
}
