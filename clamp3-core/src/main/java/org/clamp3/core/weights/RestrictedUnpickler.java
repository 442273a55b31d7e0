package org.clamp3.core.weights;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.clamp3.core.io.InvalidInputException;

/**
 * A Python pickle reader (protocols 0–5 as far as torch.save uses them) that only builds data: it
 * accepts a short list of globals (OrderedDict, the torch tensor-rebuild functions, torch storage
 * and dtype types) and refuses every other global, so nothing named by the file is ever run.
 *
 * <p>Object model: dict → {@code LinkedHashMap<Object,Object>} in insertion order (also for
 * OrderedDict), list → {@code ArrayList<Object>}, tuple → {@link PickleTuple}, int → {@code Long}
 * (or {@code BigInteger} beyond 64 bits), float → {@code Double}, str → {@code String}, bytes →
 * {@code byte[]}, bool → {@code Boolean}, None → null, tensor → {@link LazyTensor} (made by the
 * {@link TensorResolver}), torch.device → its string ("cpu", "cuda:0"), torch dtype → {@link DType}.
 *
 * <p>Memory stays bounded by the input: every length field is checked against the bytes actually
 * left before anything is allocated, and the stack and memo have size limits.
 */
public final class RestrictedUnpickler {
    private static final int MAX_STACK = 1 << 20;
    private static final int MAX_MEMO = 1 << 20;
    private static final int MAX_LONG_BYTES = 1024;
    private static final int MAX_LINE = 4096;
    private static final String ALLOWED = "only tensors, dicts, lists, tuples, numbers and strings are allowed";

    /** A torch storage class such as {@code torch.FloatStorage}, as it appears in a persistent id. */
    public record StorageType(DType dtype) {}

    /** Turns the torch-specific parts of a pickle into objects; implemented by the checkpoint reader. */
    public interface TensorResolver {
        /** The object for a BINPERSID id, e.g. {@code ('storage', StorageType, key, 'cpu', numel)}. */
        Object persistentLoad(Object persistentId);

        /** The tensor for {@code torch._utils._rebuild_tensor(_v2)(storage, offset, size, stride, ...)}. */
        LazyTensor rebuildTensor(Object storage, long storageOffset, long[] shape, long[] strides);
    }

    /** A whitelisted function: REDUCE and NEWOBJ call it with an argument tuple. */
    private record AllowedFunction(String name, Function<PickleTuple, Object> body) {}

    private final Path file;
    private final TensorResolver resolver;
    private final Map<String, Object> globals;

    private byte[] data;
    private int pos;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /**
     * @param file     named in error messages
     * @param resolver makes storages and tensors; null refuses any pickle that holds tensors
     */
    public RestrictedUnpickler(Path file, TensorResolver resolver) {
        this.file = file;
        this.resolver = resolver;
        this.globals = allowedGlobals();
    }

    /** Reads one pickled object; throws {@link InvalidInputException} for anything malformed or refused. */
    public Object load(byte[] pickle) {
        data = pickle;
        pos = 0;
        stack.clear();
        marks.clear();
        memo.clear();
        try {
            return run();
        } finally {
            data = null;
            stack.clear();
            memo.clear();
        }
    }

    private Object run() {
        while (true) {
            int at = pos;
            int opcode = readU8();
            switch (opcode) {
                case 0x80: { // PROTO
                    int protocol = readU8();
                    if (protocol > 5) {
                        throw malformed("pickle protocol " + protocol + " is not supported");
                    }
                    break;
                }
                case 0x95: // FRAME: a buffering hint, the framed opcodes follow inline
                    readBytes(8);
                    break;
                case '.': // STOP
                    return pop();
                case '(': // MARK
                    marks.push(stack.size());
                    break;
                case '0': // POP
                    pop();
                    break;
                case '1': // POP_MARK
                    popToMark();
                    break;
                case '2': // DUP
                    push(peek());
                    break;
                case '}': // EMPTY_DICT
                    push(new LinkedHashMap<Object, Object>());
                    break;
                case 'd': { // DICT
                    Map<Object, Object> dict = new LinkedHashMap<>();
                    putPairs(dict, popToMark());
                    push(dict);
                    break;
                }
                case ']': // EMPTY_LIST
                    push(new ArrayList<Object>());
                    break;
                case 'l': // LIST
                    push(new ArrayList<>(popToMark()));
                    break;
                case ')': // EMPTY_TUPLE
                    push(PickleTuple.of());
                    break;
                case 't': // TUPLE
                    push(new PickleTuple(popToMark()));
                    break;
                case 0x85: // TUPLE1
                    push(PickleTuple.of(pop()));
                    break;
                case 0x86: { // TUPLE2
                    Object second = pop();
                    push(PickleTuple.of(pop(), second));
                    break;
                }
                case 0x87: { // TUPLE3
                    Object third = pop();
                    Object second = pop();
                    push(PickleTuple.of(pop(), second, third));
                    break;
                }
                case 'a': { // APPEND
                    Object item = pop();
                    listOnTop("APPEND").add(item);
                    break;
                }
                case 'e': { // APPENDS
                    List<Object> items = popToMark();
                    listOnTop("APPENDS").addAll(items);
                    break;
                }
                case 's': { // SETITEM
                    Object value = pop();
                    Object key = pop();
                    dictOnTop("SETITEM").put(key, value);
                    break;
                }
                case 'u': { // SETITEMS
                    List<Object> pairs = popToMark();
                    putPairs(dictOnTop("SETITEMS"), pairs);
                    break;
                }
                case 'K': // BININT1
                    push((long) readU8());
                    break;
                case 'M': // BININT2
                    push((long) (readLittleEndian(2).getShort() & 0xffff));
                    break;
                case 'J': // BININT
                    push((long) readLittleEndian(4).getInt());
                    break;
                case 0x8a: // LONG1
                    push(readLong(readU8()));
                    break;
                case 0x8b: { // LONG4
                    int length = readLittleEndian(4).getInt();
                    if (length < 0) {
                        throw malformed("negative LONG4 length");
                    }
                    push(readLong(length));
                    break;
                }
                case 'G': // BINFLOAT (big-endian)
                    push(ByteBuffer.wrap(readBytes(8)).getDouble());
                    break;
                case 'N': // NONE
                    push(null);
                    break;
                case 0x88: // NEWTRUE
                    push(Boolean.TRUE);
                    break;
                case 0x89: // NEWFALSE
                    push(Boolean.FALSE);
                    break;
                case 'X': // BINUNICODE
                    push(utf8(readBytes(readU32())));
                    break;
                case 0x8c: // SHORT_BINUNICODE
                    push(utf8(readBytes(readU8())));
                    break;
                case 0x8d: // BINUNICODE8
                    push(utf8(readBytes(readLittleEndian(8).getLong())));
                    break;
                case 'T': { // BINSTRING (Python 2 str; torch.load decodes these as UTF-8)
                    int length = readLittleEndian(4).getInt();
                    if (length < 0) {
                        throw malformed("negative BINSTRING length");
                    }
                    push(utf8(readBytes(length)));
                    break;
                }
                case 'U': // SHORT_BINSTRING
                    push(utf8(readBytes(readU8())));
                    break;
                case 'B': // BINBYTES
                    push(readBytes(readU32()));
                    break;
                case 'C': // SHORT_BINBYTES
                    push(readBytes(readU8()));
                    break;
                case 0x8e: // BINBYTES8
                    push(readBytes(readLittleEndian(8).getLong()));
                    break;
                case 'q': // BINPUT
                    remember(readU8());
                    break;
                case 'r': // LONG_BINPUT
                    remember(readU32());
                    break;
                case 0x94: // MEMOIZE
                    remember(memo.size());
                    break;
                case 'h': // BINGET
                    push(recall(readU8()));
                    break;
                case 'j': // LONG_BINGET
                    push(recall(readU32()));
                    break;
                case 'c': { // GLOBAL
                    String module = readLine();
                    push(resolveGlobal(module, readLine()));
                    break;
                }
                case 0x93: { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String) || !(name instanceof String)) {
                        throw malformed("STACK_GLOBAL needs two strings");
                    }
                    push(resolveGlobal((String) module, (String) name));
                    break;
                }
                case 'R': // REDUCE
                case 0x81: { // NEWOBJ: cls.__new__(cls, *args); same thing for the allowed callables
                    Object args = pop();
                    Object function = pop();
                    push(call(function, args));
                    break;
                }
                case 'b': { // BUILD
                    pop(); // the state: for an OrderedDict only instance attributes such as _metadata
                    if (!(peek() instanceof Map)) {
                        throw malformed("BUILD on " + describe(peek()) + " is not supported");
                    }
                    break;
                }
                case 'Q': { // BINPERSID
                    Object id = pop();
                    if (resolver == null) {
                        throw malformed("persistent ids (tensor storages) are not expected here");
                    }
                    push(resolver.persistentLoad(id));
                    break;
                }
                case 'I': // INT (text; I01/I00 are the protocol-0 booleans)
                    push(parseTextInt(readLine()));
                    break;
                case 'L': { // LONG (text, trailing L)
                    String text = readLine();
                    push(parseInteger(text.endsWith("L") ? text.substring(0, text.length() - 1) : text));
                    break;
                }
                case 'F': // FLOAT (text)
                    push(parseTextFloat(readLine()));
                    break;
                case 'p': // PUT (text)
                    remember(parseIndex(readLine()));
                    break;
                case 'g': // GET (text)
                    push(recall(parseIndex(readLine())));
                    break;
                default:
                    throw new InvalidInputException(file, String.format(
                            "unsupported pickle opcode 0x%02x at byte %d", opcode, at));
            }
        }
    }

    // ---- globals ------------------------------------------------------------------------------

    private Object resolveGlobal(String module, String name) {
        String qualified = module + "." + name;
        Object value = globals.get(qualified);
        if (value == null) {
            throw new InvalidInputException(file, "refused pickle global '" + printable(qualified) + "' (" + ALLOWED + ")");
        }
        return value;
    }

    private Map<String, Object> allowedGlobals() {
        Map<String, Object> allowed = new HashMap<>();
        allowed.put("collections.OrderedDict", new AllowedFunction("OrderedDict", args -> {
            if (args.size() != 0) {
                throw malformed("OrderedDict with constructor arguments");
            }
            return new LinkedHashMap<Object, Object>();
        }));
        allowed.put("torch._utils._rebuild_tensor_v2", new AllowedFunction("_rebuild_tensor_v2", args -> rebuildTensor(args, 6)));
        allowed.put("torch._utils._rebuild_tensor", new AllowedFunction("_rebuild_tensor", args -> rebuildTensor(args, 4)));
        allowed.put("torch._utils._rebuild_parameter", new AllowedFunction("_rebuild_parameter", this::parameterData));
        allowed.put("torch._utils._rebuild_parameter_with_state",
                new AllowedFunction("_rebuild_parameter_with_state", this::parameterData));
        allowed.put("torch.device", new AllowedFunction("device", this::device));
        Object[][] storages = {
            {"FloatStorage", DType.F32}, {"HalfStorage", DType.F16}, {"BFloat16Storage", DType.BF16},
            {"DoubleStorage", DType.F64}, {"LongStorage", DType.I64}, {"IntStorage", DType.I32},
            {"ShortStorage", DType.I16}, {"CharStorage", DType.I8}, {"ByteStorage", DType.U8},
            {"BoolStorage", DType.BOOL}, {"UntypedStorage", DType.U8},
        };
        for (Object[] storage : storages) {
            allowed.put("torch." + storage[0], new StorageType((DType) storage[1]));
        }
        allowed.put("torch.storage.UntypedStorage", new StorageType(DType.U8));
        Object[][] dtypes = {
            {"float32", DType.F32}, {"float16", DType.F16}, {"bfloat16", DType.BF16}, {"float64", DType.F64},
            {"int64", DType.I64}, {"int32", DType.I32}, {"int16", DType.I16}, {"int8", DType.I8},
            {"uint8", DType.U8}, {"bool", DType.BOOL},
        };
        for (Object[] dtype : dtypes) {
            allowed.put("torch." + dtype[0], dtype[1]);
        }
        return allowed;
    }

    private Object call(Object function, Object args) {
        if (!(function instanceof AllowedFunction)) {
            throw malformed("cannot call " + describe(function));
        }
        if (!(args instanceof PickleTuple)) {
            throw malformed(((AllowedFunction) function).name() + " called with " + describe(args) + " instead of a tuple");
        }
        return ((AllowedFunction) function).body().apply((PickleTuple) args);
    }

    /** {@code (storage, storage_offset, size, stride[, requires_grad, backward_hooks[, metadata]])}. */
    private LazyTensor rebuildTensor(PickleTuple args, int minArgs) {
        if (args.size() < minArgs) {
            throw malformed("tensor rebuild with " + args.size() + " arguments, expected " + minArgs);
        }
        if (resolver == null) {
            throw malformed("tensors are not expected here");
        }
        Object offset = args.get(1);
        if (!(offset instanceof Long)) {
            throw malformed("tensor storage offset is " + describe(offset));
        }
        return resolver.rebuildTensor(args.get(0), (Long) offset, longs(args.get(2), "size"), longs(args.get(3), "stride"));
    }

    private Object parameterData(PickleTuple args) {
        if (args.size() < 1 || !(args.get(0) instanceof LazyTensor)) {
            throw malformed("parameter rebuild without a tensor");
        }
        return args.get(0);
    }

    private Object device(PickleTuple args) {
        if (args.size() == 1 && args.get(0) instanceof String) {
            return args.get(0);
        }
        if (args.size() == 2 && args.get(0) instanceof String && args.get(1) instanceof Long) {
            return args.get(0) + ":" + args.get(1);
        }
        throw malformed("torch.device with arguments " + args.items());
    }

    private long[] longs(Object tuple, String what) {
        if (!(tuple instanceof PickleTuple)) {
            throw malformed("tensor " + what + " is " + describe(tuple) + ", not a tuple");
        }
        PickleTuple items = (PickleTuple) tuple;
        long[] values = new long[items.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(items.get(i) instanceof Long)) {
                throw malformed("tensor " + what + " holds " + describe(items.get(i)));
            }
            values[i] = (Long) items.get(i);
        }
        return values;
    }

    // ---- stack and memo -------------------------------------------------------------------------

    private void push(Object value) {
        if (stack.size() >= MAX_STACK) {
            throw malformed("pickle stack deeper than " + MAX_STACK);
        }
        stack.add(value);
    }

    private Object pop() {
        if (stack.size() <= fence()) {
            throw malformed("pickle stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.size() <= fence()) {
            throw malformed("pickle stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    /** Items pushed since the last MARK may not be popped by single-item opcodes. */
    private int fence() {
        return marks.isEmpty() ? 0 : marks.peek();
    }

    private List<Object> popToMark() {
        if (marks.isEmpty()) {
            throw malformed("no MARK on the stack");
        }
        int mark = marks.pop();
        List<Object> top = stack.subList(mark, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private List<Object> listOnTop(String opcode) {
        Object target = peek();
        if (!(target instanceof ArrayList)) {
            throw malformed(opcode + " on " + describe(target));
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) target;
        return list;
    }

    private Map<Object, Object> dictOnTop(String opcode) {
        Object target = peek();
        if (!(target instanceof LinkedHashMap)) {
            throw malformed(opcode + " on " + describe(target));
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> dict = (Map<Object, Object>) target;
        return dict;
    }

    private void putPairs(Map<Object, Object> dict, List<Object> pairs) {
        if (pairs.size() % 2 != 0) {
            throw malformed("odd number of items for a dict");
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            dict.put(pairs.get(i), pairs.get(i + 1));
        }
    }

    private void remember(long index) {
        if (memo.size() >= MAX_MEMO && !memo.containsKey(index)) {
            throw malformed("pickle memo larger than " + MAX_MEMO);
        }
        memo.put(index, peek());
    }

    private Object recall(long index) {
        if (!memo.containsKey(index)) {
            throw malformed("memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    // ---- reading the input ----------------------------------------------------------------------

    private int readU8() {
        if (pos >= data.length) {
            throw truncated();
        }
        return data[pos++] & 0xff;
    }

    private long readU32() {
        return readLittleEndian(4).getInt() & 0xffffffffL;
    }

    private ByteBuffer readLittleEndian(int length) {
        return ByteBuffer.wrap(readBytes(length)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Checks the length against what is left before allocating anything. */
    private byte[] readBytes(long length) {
        if (length < 0 || length > data.length - pos) {
            throw truncated();
        }
        byte[] bytes = new byte[(int) length];
        System.arraycopy(data, pos, bytes, 0, bytes.length);
        pos += bytes.length;
        return bytes;
    }

    private String readLine() {
        int end = pos;
        while (end < data.length && data[end] != '\n') {
            if (end - pos >= MAX_LINE) {
                throw malformed("text line longer than " + MAX_LINE + " bytes");
            }
            end++;
        }
        if (end >= data.length) {
            throw truncated();
        }
        String line = new String(data, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return line;
    }

    /** A little-endian two's-complement integer of {@code length} bytes. */
    private Object readLong(int length) {
        if (length > MAX_LONG_BYTES) {
            throw malformed("integer of " + length + " bytes");
        }
        byte[] littleEndian = readBytes(length);
        if (length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[length];
        for (int i = 0; i < length; i++) {
            bigEndian[i] = littleEndian[length - 1 - i];
        }
        return narrow(new BigInteger(bigEndian));
    }

    private Object parseTextInt(String text) {
        if (text.equals("01")) {
            return Boolean.TRUE;
        }
        if (text.equals("00")) {
            return Boolean.FALSE;
        }
        return parseInteger(text);
    }

    private Object parseInteger(String text) {
        try {
            return narrow(new BigInteger(text.strip()));
        } catch (NumberFormatException e) {
            throw malformed("bad integer '" + printable(text) + "'");
        }
    }

    private long parseIndex(String text) {
        Object index = parseInteger(text);
        if (!(index instanceof Long) || (Long) index < 0) {
            throw malformed("bad memo index '" + printable(text) + "'");
        }
        return (Long) index;
    }

    private Double parseTextFloat(String text) {
        switch (text.strip()) {
            case "inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            case "nan": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text.strip());
                } catch (NumberFormatException e) {
                    throw malformed("bad float '" + printable(text) + "'");
                }
        }
    }

    private static Object narrow(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- errors ---------------------------------------------------------------------------------

    private InvalidInputException malformed(String problem) {
        return new InvalidInputException(file, "malformed pickle at byte " + pos + ": " + problem);
    }

    private InvalidInputException truncated() {
        return new InvalidInputException(file, "pickle data ends unexpectedly at byte " + pos);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof AllowedFunction) {
            return "function " + ((AllowedFunction) value).name();
        }
        return value.getClass().getSimpleName();
    }

    /** Keeps refused names on one line and short enough to print. */
    private static String printable(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
