package org.clamp3.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModelInput;
import org.junit.jupiter.api.Test;

class InputFormatsTest {

    @Test
    void dispatchesByExtensionIgnoringCase() {
        InputFormats core = CoreFormats.all();
        assertSame(CoreFormats.TEXT, core.forFile(Path.of("a/b/Notes.TXT")));
        assertSame(CoreFormats.MERT_FEATURES, core.forFile(Path.of("x.npy")));
        assertEquals(Set.of("abc", "mtf", "npy", "txt"), core.extensions());
        assertEquals(".abc, .mtf, .npy or .txt", core.describe());
        assertEquals(Set.of("abc", "mtf"), core.only(Modality.SYMBOLIC).extensions());
    }

    @Test
    void unknownFilesAreOneLineNamingTheFile() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CoreFormats.all().forFile(Path.of("song.wav")));
        assertEquals("song.wav: unsupported file type .wav (expected .abc, .mtf, .npy or .txt)", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CoreFormats.all().forFile(Path.of("README")));
        assertTrue(e.getMessage().contains("(no extension)"), e.getMessage());
    }

    @Test
    void twoFormatsMayNotClaimOneExtension() {
        InputFormat other = InputFormat.of("other", Modality.TEXT, Set.of("txt"), f -> new ModelInput.Text(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoreFormats.all().with(other));
        assertEquals(".txt is claimed by both text and other", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InputFormat.of("bad", Modality.TEXT, Set.of(".TXT"), f -> null));
    }

    @Test
    void aFormatCanBeReplacedByName() {
        InputFormat quiet = InputFormat.of("text", Modality.TEXT, Set.of("txt"), f -> new ModelInput.Text("fixed"));
        InputFormats replaced = CoreFormats.all().replacing(quiet);
        assertEquals("fixed", ((ModelInput.Text) replaced.forFile(Path.of("a.txt")).read(Path.of("a.txt"))).text());
    }
}
