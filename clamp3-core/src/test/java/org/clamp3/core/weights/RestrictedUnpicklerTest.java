package org.clamp3.core.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestrictedUnpicklerTest {
    private static final Path FILE = Paths.get("test.pkl");

    /** Builds pickle bytes opcode by opcode. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle text(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Pickle binunicode(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            op('X', utf8.length, utf8.length >> 8, utf8.length >> 16, utf8.length >>> 24);
            out.writeBytes(utf8);
            return this;
        }

        Pickle shortBinunicode(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            op(0x8c, utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static Object load(Pickle pickle) {
        return new RestrictedUnpickler(FILE, null).load(pickle.bytes());
    }

    private static InvalidInputException refused(Pickle pickle) {
        return assertThrows(InvalidInputException.class, () -> load(pickle));
    }

    @Test
    void refusesOsSystemAndRunsNothing(@TempDir Path dir) {
        Path marker = dir.resolve("pwned");
        Pickle pickle = new Pickle().op(0x80, 2).text("cos\nsystem\n")
                .binunicode("touch " + marker).op(0x85, 'R', '.');
        InvalidInputException e = refused(pickle);
        assertEquals("test.pkl: refused pickle global 'os.system' (only tensors, dicts, lists, tuples,"
                + " numbers and strings are allowed)", e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void refusesOtherDangerousGlobals() {
        for (String global : List.of("builtins\neval", "posix\nsystem", "subprocess\nPopen",
                "__builtin__\ngetattr", "torch\nload", "collections\ndeque")) {
            InvalidInputException e = refused(new Pickle().op(0x80, 2).text("c" + global + "\n").op('.'));
            assertTrue(e.getMessage().contains("refused pickle global '" + global.replace('\n', '.') + "'"), e.getMessage());
        }
    }

    @Test
    void refusesStackGlobal() {
        Pickle pickle = new Pickle().op(0x80, 4).shortBinunicode("builtins").shortBinunicode("eval")
                .op(0x93).shortBinunicode("1+1").op(0x85, 'R', '.');
        assertTrue(refused(pickle).getMessage().contains("'builtins.eval'"));
    }

    @Test
    void readsProtocol2ContainersInOrder() {
        // {'b': [1, 300, 70000, -1], 'a': ((None, True, False), 2.5), 't': (1, 2, 3, 4), 'z': {}}
        Pickle pickle = new Pickle().op(0x80, 2, '}', 'q', 0, '(')
                .binunicode("b").op(']', '(', 'K', 1, 'M', 0x2c, 0x01, 'J', 0x70, 0x11, 0x01, 0x00,
                        'J', 0xff, 0xff, 0xff, 0xff, 'e')
                .binunicode("a").op('N', 0x88, 0x89, 0x87, 'G', 0x40, 0x04, 0, 0, 0, 0, 0, 0, 0x86)
                .binunicode("t").op('(', 'K', 1, 'K', 2, 'K', 3, 'K', 4, 't')
                .binunicode("z").op('}', 'N', '0') // POP drops the None again
                .op('u', '.');
        Map<?, ?> root = (Map<?, ?>) load(pickle);
        assertEquals(List.of("b", "a", "t", "z"), List.copyOf(root.keySet()));
        assertEquals(List.of(1L, 300L, 70000L, -1L), root.get("b"));
        assertEquals(PickleTuple.of(PickleTuple.of(null, true, false), 2.5), root.get("a"));
        assertEquals(PickleTuple.of(1L, 2L, 3L, 4L), root.get("t"));
        assertEquals(Map.of(), root.get("z"));
    }

    @Test
    void keepsOrderedDictOrderAndIgnoresBuildState() {
        // OrderedDict with keys in non-sorted order, then BUILD {'_metadata': {}} as torch writes it
        Pickle pickle = new Pickle().op(0x80, 2).text("ccollections\nOrderedDict\n").op('q', 1, ')', 'R', '(');
        String[] keys = {"zeta", "alpha", "mid", "beta", "omega", "a1", "a0"};
        for (int i = 0; i < keys.length; i++) {
            pickle.binunicode(keys[i]).op('K', i);
        }
        pickle.op('u', '}').binunicode("_metadata").op('h', 1, ')', 'R', 's', 'b', '.');
        Map<?, ?> dict = (Map<?, ?>) load(pickle);
        assertEquals(Arrays.asList(keys), List.copyOf(dict.keySet()));
        assertEquals(6L, dict.get("a0"));
    }

    @Test
    void readsProtocol4Opcodes() {
        // FRAME, SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL OrderedDict, NEWOBJ, BINGET, BINBYTES, LONG1
        Pickle pickle = new Pickle().op(0x80, 4, 0x95, 40, 0, 0, 0, 0, 0, 0, 0)
                .shortBinunicode("collections").op(0x94).shortBinunicode("OrderedDict").op(0x94, 0x93, 0x94)
                .op(')', 0x81, 0x94) // NEWOBJ
                .shortBinunicode("k").op('C', 3, 1, 2, 3, 's')
                .shortBinunicode("big").op(0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1, 's') // 2**64
                .shortBinunicode("neg").op(0x8a, 2, 0x00, 0xff, 's') // -256
                .shortBinunicode("same").op('h', 0, 's') // memo 0: 'collections'
                .op('.');
        Map<?, ?> dict = (Map<?, ?>) load(pickle);
        assertEquals(List.of("k", "big", "neg", "same"), List.copyOf(dict.keySet()));
        assertTrue(Arrays.equals(new byte[] {1, 2, 3}, (byte[]) dict.get("k")));
        assertEquals(BigInteger.ONE.shiftLeft(64), dict.get("big"));
        assertEquals(-256L, dict.get("neg"));
        assertEquals("collections", dict.get("same"));
    }

    @Test
    void readsTextProtocolNumbersAndMemo() {
        Pickle pickle = new Pickle().op('(').text("I42\n").text("I01\n").text("L-12345678901234567890L\n")
                .text("F0.25\n").text("p7\n").text("g7\n").op('l', '.');
        assertEquals(Arrays.asList(42L, true, new BigInteger("-12345678901234567890"), 0.25, 0.25), load(pickle));
    }

    @Test
    void readsNone() {
        assertNull(load(new Pickle().op(0x80, 2, 'N', '.')));
    }

    @Test
    void hugeLengthFieldsFailWithoutAllocating() {
        assertTrue(refused(new Pickle().op(0x80, 2, 'X', 0xff, 0xff, 0xff, 0x7f, 'a')).getMessage()
                .contains("ends unexpectedly"));
        assertTrue(refused(new Pickle().op(0x80, 4, 0x8d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
                .getMessage().contains("ends unexpectedly"));
        assertTrue(refused(new Pickle().op(0x80, 2, 0x8b, 0xff, 0xff, 0xff, 0x7f)).getMessage()
                .contains("integer of"));
    }

    @Test
    void malformedStreamsAreClearErrors() {
        assertTrue(refused(new Pickle().op(0x80, 2, 'i')).getMessage().contains("unsupported pickle opcode 0x69"));
        assertTrue(refused(new Pickle().op(0x80, 2, 'a')).getMessage().contains("stack underflow"));
        assertTrue(refused(new Pickle().op(0x80, 2, 'h', 3)).getMessage().contains("memo entry 3"));
        assertTrue(refused(new Pickle().op(0x80, 2, 'N', 'N', 'b')).getMessage().contains("BUILD"));
        assertTrue(refused(new Pickle().op(0x80, 2, 'N', ')', 'R')).getMessage().contains("cannot call"));
        assertTrue(refused(new Pickle().op(0x80, 2, 'e')).getMessage().contains("MARK"));
        assertTrue(refused(new Pickle().op(0x80, 2, ']')).getMessage().contains("ends unexpectedly"));
        assertTrue(refused(new Pickle().op(0x80, 9)).getMessage().contains("protocol 9"));
        // a tensor without a checkpoint around it
        assertTrue(refused(new Pickle().op(0x80, 2, 'N', 'Q')).getMessage().contains("persistent"));
    }
}
