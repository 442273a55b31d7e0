package org.clamp3.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Builds one ONNX model (opset 17 plus ORT's com.microsoft domain) node by node, in topological
 * order. Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto,
 * ValueInfoProto, AttributeProto, OperatorSetIdProto).
 */
final class OnnxGraph {
    static final int FLOAT = 1;
    static final int INT8 = 3;
    static final int INT64 = 7;
    static final String MICROSOFT = "com.microsoft";

    private static final long IR_VERSION = 8;
    private static final long OPSET = 17;

    private final Proto graph = new Proto();
    private int counter;

    OnnxGraph(String name) {
        graph.string(2, name);
    }

    /** A graph input; each dim is a Long (fixed) or a String (named, free). */
    String input(String name, int elemType, Object... dims) {
        graph.message(11, valueInfo(name, elemType, dims));
        return name;
    }

    void output(String name, int elemType, Object... dims) {
        graph.message(12, valueInfo(name, elemType, dims));
    }

    String floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return initializer(name, FLOAT, b.array(), dims);
    }

    String int8s(String name, byte[] values, long... dims) {
        return initializer(name, INT8, values, dims);
    }

    String longs(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return initializer(name, INT64, b.array(), values.length);
    }

    String scalar(String name, float value) {
        return floats(name, new float[] {value});
    }

    private String initializer(String name, int type, byte[] raw, long... dims) {
        Proto t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, type).string(8, name).payload(9, raw);
        graph.message(5, t);
        return name;
    }

    /** A standard-domain node with one output, named after the op; returns the output's name. */
    String op(String type, String[] inputs, Attr... attrs) {
        return node("", type, inputs, attrs);
    }

    String node(String domain, String type, String[] inputs, Attr... attrs) {
        String out = type.toLowerCase(Locale.ROOT) + "_" + (counter++);
        nodeTo(domain, type, inputs, out, attrs);
        return out;
    }

    /** A node whose output has a chosen name (a graph output). */
    void nodeTo(String domain, String type, String[] inputs, String output, Attr... attrs) {
        nodeTo(domain, type, inputs, new String[] {output}, attrs);
    }

    /** A node with several outputs, named by the caller. */
    void nodeTo(String domain, String type, String[] inputs, String[] outputs, Attr... attrs) {
        Proto n = new Proto();
        for (String in : inputs) {
            n.string(1, in);
        }
        for (String out : outputs) {
            n.string(2, out);
        }
        n.string(3, "n" + counter++).string(4, type);
        if (!domain.isEmpty()) {
            n.string(7, domain);
        }
        for (Attr a : attrs) {
            n.message(5, a.proto);
        }
        graph.message(1, n);
    }

    void writeTo(OutputStream out) throws IOException {
        Proto model = new Proto().varint(1, IR_VERSION).string(2, "clamp3-java");
        model.message(8, new Proto().string(1, "").varint(2, OPSET));
        model.message(8, new Proto().string(1, MICROSOFT).varint(2, 1));
        model.message(7, graph);
        if (model.size() > Integer.MAX_VALUE) {
            throw new IllegalStateException("the ONNX graph is " + model.size() + " bytes, past protobuf's 2 GiB");
        }
        model.writeTo(out);
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Proto valueInfo(String name, int elemType, Object... dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            Proto dim = new Proto();
            if (d instanceof String s) {
                dim.string(2, s);
            } else {
                dim.varint(1, ((Number) d).longValue());
            }
            shape.message(1, dim);
        }
        Proto tensor = new Proto().varint(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
    }

    /** A node attribute (AttributeProto with its type discriminator). */
    record Attr(Proto proto) {
        static Attr i(String name, long value) {
            return new Attr(new Proto().string(1, name).varint(20, 2).varint(3, value));
        }

        static Attr f(String name, float value) {
            return new Attr(new Proto().string(1, name).varint(20, 1).float32(2, value));
        }

        static Attr ints(String name, long... values) {
            Proto p = new Proto().string(1, name).varint(20, 7);
            for (long v : values) {
                p.varint(8, v);
            }
            return new Attr(p);
        }
    }
}
