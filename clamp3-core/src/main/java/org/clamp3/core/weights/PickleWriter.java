package org.clamp3.core.weights;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@link RestrictedUnpickler} object model as a protocol-2 pickle the way torch.save
 * does, with each {@link FloatTensor} pickled as a {@code _rebuild_tensor_v2} call on a persistent
 * storage id. The tensors are collected in storage-key order for the caller to write as
 * {@code data/<key>}.
 */
final class PickleWriter {
    private static final int BATCH = 1000; // items per APPENDS/SETITEMS, as CPython writes them

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<FloatTensor, String> storageKeys = new IdentityHashMap<>();
    private final List<FloatTensor> storages = new ArrayList<>();

    /** The pickle of {@code root}. */
    byte[] write(Object root) {
        out.write(0x80); // PROTO 2
        out.write(2);
        value(root);
        out.write('.'); // STOP
        return out.toByteArray();
    }

    /** The tensors met while pickling; storage key i is {@code String.valueOf(i)}. */
    List<FloatTensor> storages() {
        return storages;
    }

    private void value(Object value) {
        if (value == null) {
            out.write('N');
        } else if (value instanceof Boolean) {
            out.write((Boolean) value ? 0x88 : 0x89);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            integer(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            out.write('G');
            out.writeBytes(ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array());
        } else if (value instanceof String) {
            string((String) value);
        } else if (value instanceof FloatTensor) {
            tensor((FloatTensor) value);
        } else if (value instanceof StateDict) {
            global("collections", "OrderedDict");
            out.write(')'); // EMPTY_TUPLE
            out.write('R'); // REDUCE
            items(((StateDict) value).entries());
        } else if (value instanceof Map) {
            out.write('}'); // EMPTY_DICT
            items((Map<?, ?>) value);
        } else if (value instanceof List) {
            list((List<?>) value);
        } else if (value instanceof PickleTuple) {
            tuple(((PickleTuple) value).items());
        } else {
            throw new IllegalArgumentException("cannot pickle " + value.getClass().getName()
                    + " (use Map, StateDict, List, PickleTuple, String, numbers, Boolean, null or FloatTensor)");
        }
    }

    private void integer(long value) {
        if (value >= 0 && value < 0x100) {
            out.write('K'); // BININT1
            out.write((int) value);
        } else if (value >= 0 && value < 0x10000) {
            out.write('M'); // BININT2
            out.writeBytes(littleEndian(2).putShort((short) value).array());
        } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            out.write('J'); // BININT
            out.writeBytes(littleEndian(4).putInt((int) value).array());
        } else {
            byte[] bigEndian = BigInteger.valueOf(value).toByteArray();
            out.write(0x8a); // LONG1: little-endian two's complement
            out.write(bigEndian.length);
            for (int i = bigEndian.length - 1; i >= 0; i--) {
                out.write(bigEndian[i]);
            }
        }
    }

    private void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.write('X'); // BINUNICODE
        out.writeBytes(littleEndian(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
    }

    private void global(String module, String name) {
        out.write('c'); // GLOBAL
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void items(Map<?, ?> map) {
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            out.write('('); // MARK
            for (int n = 0; n < BATCH && it.hasNext(); n++) {
                Map.Entry<?, ?> entry = it.next();
                value(entry.getKey());
                value(entry.getValue());
            }
            out.write('u'); // SETITEMS
        }
    }

    private void list(List<?> list) {
        out.write(']'); // EMPTY_LIST
        Iterator<?> it = list.iterator();
        while (it.hasNext()) {
            out.write('('); // MARK
            for (int n = 0; n < BATCH && it.hasNext(); n++) {
                value(it.next());
            }
            out.write('e'); // APPENDS
        }
    }

    private void tuple(List<?> items) {
        if (items.isEmpty()) {
            out.write(')'); // EMPTY_TUPLE
            return;
        }
        if (items.size() > 3) {
            out.write('('); // MARK
        }
        for (Object item : items) {
            value(item);
        }
        out.write(items.size() > 3 ? 't' : 0x84 + items.size()); // TUPLE or TUPLE1/2/3
    }

    /** {@code _rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())}, contiguous. */
    private void tensor(FloatTensor tensor) {
        String key = storageKeys.computeIfAbsent(tensor, t -> {
            storages.add(t);
            return String.valueOf(storages.size() - 1);
        });
        long[] shape = tensor.shape();
        List<Object> size = new ArrayList<>();
        List<Object> stride = new ArrayList<>();
        long step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            size.add(0, shape[d]);
            stride.add(0, step);
            step *= Math.max(shape[d], 1);
        }
        global("torch._utils", "_rebuild_tensor_v2");
        out.write('('); // MARK
        out.write('('); // MARK: the persistent id
        string("storage");
        global("torch", "FloatStorage");
        string(key);
        string("cpu");
        integer(tensor.data().length);
        out.write('t'); // TUPLE
        out.write('Q'); // BINPERSID
        integer(0);
        tuple(size);
        tuple(stride);
        out.write(0x89); // NEWFALSE: requires_grad
        global("collections", "OrderedDict"); // backward hooks
        out.write(')');
        out.write('R');
        out.write('t'); // TUPLE
        out.write('R'); // REDUCE
    }

    private static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
