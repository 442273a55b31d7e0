package org.clamp3.core.weights;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.ZipEntries;

/**
 * A checkpoint written by {@code torch.save} (the zip format of torch ≥ 1.6). Opening it reads
 * only {@code data.pkl}, through a {@link RestrictedUnpickler}; every tensor is a
 * {@link LazyTensor} whose bytes stay in the zip until asked for, so reading the model from a
 * checkpoint that also holds optimizer state never touches the optimizer's tensors.
 */
public final class TorchCheckpoint implements Closeable {
    private static final String NOT_A_CHECKPOINT = "not a PyTorch checkpoint (torch.save zip)";
    /**
     * Largest {@code data.pkl} read. A state dict's pickle holds ~100 bytes per tensor (thousands of
     * tensors with their optimizer state: well under 1 MB), and the unpickler builds about one
     * object per byte at worst, so this also bounds its heap; the bound is counted as the entry inflates, so a
     * deflate bomb stops here whatever size the zip declares.
     */
    static final int MAX_PICKLE_BYTES = 16 << 20;

    private final Path file;
    private final ZipFile zip;
    private final Object root;
    private final PrivateMapper mapper;

    private TorchCheckpoint(Path file, ZipFile zip, Object root, PrivateMapper mapper) {
        this.file = file;
        this.zip = zip;
        this.root = root;
        this.mapper = mapper;
    }

    /** Opens and unpickles {@code file}; throws {@link InvalidInputException} for a file that is not a sound checkpoint. */
    public static TorchCheckpoint open(Path file) throws IOException {
        byte[] head = new byte[4];
        int headLength;
        try (InputStream in = Files.newInputStream(file)) {
            headLength = in.readNBytes(head, 0, head.length);
        }
        if (headLength >= 2 && (head[0] & 0xff) == 0x80 && (head[1] & 0xff) <= 5) {
            throw new InvalidInputException(file, "legacy (before torch 1.6) torch.save format is not supported;"
                    + " re-save it with a current torch (torch.save(torch.load(f), f))");
        }
        if (headLength < 4 || head[0] != 'P' || head[1] != 'K') {
            throw new InvalidInputException(file, NOT_A_CHECKPOINT);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InvalidInputException(file, NOT_A_CHECKPOINT + ": damaged zip (" + e.getMessage() + ")", e);
        }
        try {
            String prefix = archivePrefix(file, zip);
            ByteOrder byteOrder = byteOrder(file, zip, prefix);
            byte[] pickle = readSmallEntry(file, zip, zip.getEntry(prefix + "data.pkl"), MAX_PICKLE_BYTES);
            PrivateMapper mapper = new PrivateMapper(file);
            StorageResolver resolver = new StorageResolver(file, zip, prefix, byteOrder, new ZipDataOffsets(file), mapper);
            Object root = new RestrictedUnpickler(file, resolver).load(pickle);
            return new TorchCheckpoint(file, zip, root, mapper);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** The unpickled object, in the {@link RestrictedUnpickler} object model (usually a dict). */
    public Object root() {
        return root;
    }

    /**
     * The state dict stored under {@code key} in the top-level dict (e.g. "model"), or the top-level
     * dict itself when {@code key} is null: tensor name → tensor, in file order, each tensor
     * {@link LazyTensor#name() named} by its key.
     *
     * @throws InvalidInputException if the key is missing or the value is not a dict of tensors
     */
    public Map<String, LazyTensor> stateDict(String key) {
        String what = key == null ? "the checkpoint" : "'" + key + "'";
        Object value = root;
        if (key != null) {
            Map<?, ?> top = topLevel();
            if (!top.containsKey(key)) {
                throw new InvalidInputException(file, "no '" + key + "' entry; the checkpoint holds " + keyList(top));
            }
            value = top.get(key);
        }
        if (!(value instanceof Map)) {
            throw new InvalidInputException(file, what + " is not a state dict but " + typeName(value));
        }
        Map<String, LazyTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof LazyTensor)) {
                throw new InvalidInputException(file, what + " is not a state dict: entry '" + entry.getKey()
                        + "' is " + typeName(entry.getValue()) + ", not a tensor");
            }
            String name = (String) entry.getKey();
            tensors.put(name, ((LazyTensor) entry.getValue()).withName(name));
        }
        return Collections.unmodifiableMap(tensors);
    }

    /** Closes the zip; tensors from this checkpoint cannot be read afterwards. */
    @Override
    public void close() throws IOException {
        try {
            mapper.close();
        } finally {
            zip.close();
        }
    }

    private Map<?, ?> topLevel() {
        if (!(root instanceof Map)) {
            throw new InvalidInputException(file, "the checkpoint holds " + typeName(root) + ", not a dict");
        }
        return (Map<?, ?>) root;
    }

    private static String keyList(Map<?, ?> map) {
        String keys = map.keySet().stream().limit(20).map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        return map.size() > 20 ? keys + " and " + (map.size() - 20) + " more" : keys;
    }

    private static String typeName(Object value) {
        return value == null ? "None" : value.getClass().getSimpleName();
    }

    /** torch names every entry {@code <archive>/...}; the archive name is whatever precedes data.pkl. */
    private static String archivePrefix(Path file, ZipFile zip) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                return name.substring(0, slash + 1);
            }
        }
        throw new InvalidInputException(file, NOT_A_CHECKPOINT + ": no data.pkl in the zip");
    }

    /** torch ≥ 2.0 records the writer's byte order; older files are little-endian. */
    private static ByteOrder byteOrder(Path file, ZipFile zip, String prefix) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String order = new String(readSmallEntry(file, zip, entry, 64), StandardCharsets.US_ASCII).strip();
        switch (order) {
            case "little": return ByteOrder.LITTLE_ENDIAN;
            case "big": return ByteOrder.BIG_ENDIAN;
            default: throw new InvalidInputException(file, "unknown byte order '" + order + "' in " + entry.getName());
        }
    }

    private static byte[] readSmallEntry(Path file, ZipFile zip, ZipEntry entry, int maxBytes) throws IOException {
        return ZipEntries.readAll(file, zip, entry, maxBytes);
    }

    /** A storage named by a persistent id: its element type and where its bytes are. */
    private record Storage(DType dtype, ZipEntrySource source) {}

    /** Maps persistent ids to zip entries and tensor-rebuild calls to lazy views of them. */
    private static final class StorageResolver implements RestrictedUnpickler.TensorResolver {
        private final Path file;
        private final ZipFile zip;
        private final String prefix;
        private final ByteOrder byteOrder;
        private final Map<String, Storage> storages = new HashMap<>();
        private final ZipDataOffsets offsets;
        private final PrivateMapper mapper;

        StorageResolver(Path file, ZipFile zip, String prefix, ByteOrder byteOrder, ZipDataOffsets offsets, PrivateMapper mapper) {
            this.file = file;
            this.zip = zip;
            this.prefix = prefix;
            this.byteOrder = byteOrder;
            this.offsets = offsets;
            this.mapper = mapper;
        }

        /** {@code ('storage', torch.XStorage, key, location, numel)}. */
        @Override
        public Object persistentLoad(Object persistentId) {
            if (!(persistentId instanceof PickleTuple)) {
                throw malformedId(persistentId);
            }
            PickleTuple id = (PickleTuple) persistentId;
            if (id.size() != 5 || !"storage".equals(id.get(0))
                    || !(id.get(1) instanceof RestrictedUnpickler.StorageType)
                    || !(id.get(2) instanceof String) || !(id.get(4) instanceof Long)) {
                throw malformedId(persistentId);
            }
            String key = (String) id.get(2);
            Storage known = storages.get(key);
            if (known != null) {
                return known;
            }
            DType dtype = ((RestrictedUnpickler.StorageType) id.get(1)).dtype();
            long numel = (Long) id.get(4);
            ZipEntry entry = zip.getEntry(prefix + "data/" + key);
            if (entry == null) {
                throw new InvalidInputException(file, "storage data/" + key + " is missing from the zip");
            }
            long needed;
            try {
                needed = Math.multiplyExact(numel, dtype.byteSize());
            } catch (ArithmeticException e) {
                needed = Long.MAX_VALUE;
            }
            if (numel < 0 || entry.getSize() < needed) {
                throw new InvalidInputException(file, "storage " + entry.getName() + " holds " + entry.getSize()
                        + " bytes but should hold " + numel + " " + dtype + " elements (truncated?)");
            }
            Storage storage = new Storage(dtype, new ZipEntrySource(file, zip, entry, needed, offsets, mapper));
            storages.put(key, storage);
            return storage;
        }

        @Override
        public LazyTensor rebuildTensor(Object storage, long storageOffset, long[] shape, long[] strides) {
            if (!(storage instanceof Storage)) {
                throw new InvalidInputException(file, "malformed pickle: tensor built on "
                        + typeName(storage) + " instead of a storage");
            }
            Storage typed = (Storage) storage;
            return LazyTensor.view(typed.dtype(), shape, strides, storageOffset, typed.source(), byteOrder);
        }

        private InvalidInputException malformedId(Object persistentId) {
            return new InvalidInputException(file, "malformed pickle: unexpected persistent id "
                    + (persistentId instanceof PickleTuple ? ((PickleTuple) persistentId).items() : typeName(persistentId)));
        }
    }
}
