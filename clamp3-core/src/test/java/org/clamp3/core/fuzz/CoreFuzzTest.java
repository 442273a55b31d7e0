package org.clamp3.core.fuzz;

import static org.clamp3.core.fuzz.FuzzProperty.check;
import static org.clamp3.core.fuzz.FuzzProperty.file;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.clamp3.core.TestData;
import org.clamp3.core.input.M3Patchilizer;
import org.clamp3.core.input.TextInput;
import org.clamp3.core.input.TextTokenizer;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.TextFiles;
import org.clamp3.core.weights.LazyTensor;
import org.clamp3.core.weights.SafetensorsFile;
import org.clamp3.core.weights.TorchCheckpoint;

/**
 * Fuzz targets of clamp3-core's readers. Without {@code JAZZER_FUZZ} each replays its seeds
 * and saved crash files ({@code src/test/resources/.../CoreFuzzTestInputs/<method>/}) as
 * regression cases; {@code scripts/fuzz.sh} fuzzes them.
 */
class CoreFuzzTest {
    /** Tensors larger than this are not read (a hostile shape may ask for any size; binding checks shapes first). */
    private static final long MAX_READ_ELEMENTS = 1 << 20;

    /** A .pth file as it comes: the zip container, its directory, every entry. */
    @FuzzTest
    void torchCheckpointFile(byte[] data) throws Exception {
        check(() -> readCheckpoint(file("fuzz.pth", data)));
    }

    /**
     * The restricted unpickler: the input is {@code data.pkl} of a well-formed checkpoint zip
     * (mutating a zip would mostly break its CRCs) whose storages 0..15 hold 256 bytes each.
     */
    @FuzzTest
    void torchCheckpointPickle(byte[] pickle) throws Exception {
        check(() -> readCheckpoint(file("pickle.pth", checkpointZip(pickle))));
    }

    @FuzzTest
    void safetensors(byte[] data) throws Exception {
        check(() -> {
            try (SafetensorsFile f = SafetensorsFile.open(file("fuzz.safetensors", data))) {
                for (LazyTensor t : f.tensors().values()) {
                    read(t);
                }
            }
        });
    }

    @FuzzTest
    void npy(byte[] data) throws Exception {
        Path file = file("fuzz.npy", data);
        check(() -> Npy.isComplete(file));
        check(() -> Npy.read(file));
    }

    /** A .txt input as extraction reads it: decoded, lines joined, tokenized (native code). */
    @FuzzTest
    void textInput(byte[] data) throws Exception {
        check(() -> {
            String joined = TextInput.join(TextFiles.read(file("fuzz.txt", data)), Tokenizer.INSTANCE.sepToken());
            Tokenizer.INSTANCE.encode(joined);
        }, IllegalArgumentException.class);
    }

    /** ABC or MTF text cut into M3 patches. */
    @FuzzTest
    void patchilizer(byte[] data) throws Exception {
        check(() -> new M3Patchilizer(64).encode(TextFiles.read(file("fuzz.abc", data))), IllegalArgumentException.class);
    }

    private static void readCheckpoint(Path file) throws IOException {
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(file)) {
            Object root = checkpoint.root();
            if (root instanceof Map<?, ?> map) {
                for (Object value : map.values()) {
                    if (value instanceof LazyTensor t) {
                        read(t);
                    }
                }
                for (Object key : map.keySet()) {
                    if (key instanceof String k) {
                        checkpoint.stateDict(k).values().forEach(CoreFuzzTest::read);
                    }
                }
            }
            checkpoint.stateDict(null).values().forEach(CoreFuzzTest::read);
        }
    }

    private static void read(LazyTensor t) {
        if (t.numel() > MAX_READ_ELEMENTS) {
            return;
        }
        if (t.dtype().isFloatingPoint()) {
            t.toFloatArray();
        } else {
            t.toLongArray();
        }
    }

    /** A torch.save-style zip around {@code pickle}, with sixteen 256-byte storages. */
    static byte[] checkpointZip(byte[] pickle) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, "archive/data.pkl", pickle);
            stored(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 16; i++) {
                byte[] storage = new byte[256];
                for (int j = 0; j < storage.length; j++) {
                    storage[j] = (byte) (i * 7 + j);
                }
                stored(zip, "archive/data/" + i, storage);
            }
            stored(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The tiny XLM-R tokenizer of the test model, loaded once. */
    private static final class Tokenizer {
        static final TextTokenizer INSTANCE = TextTokenizer.load(TestData.path("model/xlmr-tiny"));
    }
}
