package org.clamp3.core.input;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clamp3.core.io.InvalidInputException;

/**
 * The text encoder's tokenizer (XLM-RoBERTa in CLaMP 3), read from a model folder's
 * {@code tokenizer.json} with the HuggingFace tokenizers library through DJL.
 *
 * <p>{@link #encode} adds {@code <s> … </s>} and neither truncates nor pads, like the
 * original's {@code tokenizer(text)}: long texts are cut into segments later, by the caller.
 * Only {@code tokenizer.json} is read; {@code tokenizer_config.json} is not needed.
 *
 * <p>Native safety: the tokenizer library aborts the whole process (a Rust panic across JNI)
 * when a Java allocation fails inside one of its calls, which DJL's {@code Encoding} made likely
 * for large texts: it fetches tokens, character spans, masks and more, one Java object per
 * token. Only the ids are fetched here ({@code getTokenIds}, one {@code long[]}), and a text
 * longer than {@link #PIECE_CHARS} characters is tokenized in pieces of about that size, cut
 * where the tokenizer itself cuts: right before a separator token {@code </s>} (an added token,
 * split off before normalization) or right before a space that follows a letter or digit (Metaspace
 * splits words there; each word is tokenized alone). The pieces' ids, between the special
 * tokens the whole text would get, are then exactly the ids of the whole text. {@link #load}
 * checks that on probe texts; a tokenizer for which it does not hold is used in one call, as
 * before. A run of more than {@link #MAX_PIECE_CHARS} characters with no such cut (one "word")
 * is refused with an {@link IllegalArgumentException} (one line) rather than sent to the library.
 *
 * <p>Thread-safe: encoding is serialized, because DJL does not document its native handle as
 * safe for concurrent use. Tokenizing costs little next to running the model.
 */
public final class TextTokenizer implements AutoCloseable {

    /** XLM-R's separator token, which the original joins text lines with. */
    private static final String SEP_TOKEN = "</s>";
    private static final String PAD_TOKEN = "<pad>";

    /** Texts up to this many characters are tokenized in one native call; longer ones in pieces of about this size. */
    public static final int PIECE_CHARS = 1 << 16;
    /** The longest run of characters without a cut (line break or space) that is tokenized: 1 M characters. */
    public static final int MAX_PIECE_CHARS = 1 << 20;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Probe texts on which cutting into pieces must give the ids of the whole text. */
    private static final String[] PROBES = {
        "a</s>b c", "Hello  world</s></s>  two   spaces\tand tab</s>x", "ünïcödé ﬁ café</s>naïve 音乐 ",
        " lead</s> trail </s>",
    };

    private final HuggingFaceTokenizer tokenizer;
    private final int padTokenId;
    private long[] prefix = new long[0];
    private long[] suffix = new long[0];
    private boolean piecewise;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int padTokenId) {
        this.tokenizer = tokenizer;
        this.padTokenId = padTokenId;
    }

    /**
     * Loads {@code modelDir/tokenizer.json}.
     *
     * @throws InvalidInputException if the file is missing, cannot be parsed, or lacks the
     *     {@code <pad>} or {@code </s>} token
     */
    public static TextTokenizer load(Path modelDir) {
        Path file = modelDir.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "tokenizer file not found");
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(true)
                    // DJL truncates to 512 by default; CLaMP 3 segments long texts itself.
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file, "cannot load tokenizer: " + e.getMessage(), e);
        }
        try {
            int padTokenId = singleTokenId(tokenizer, PAD_TOKEN, file);
            singleTokenId(tokenizer, SEP_TOKEN, file);
            TextTokenizer loaded = new TextTokenizer(tokenizer, padTokenId);
            loaded.checkPiecewise();
            return loaded;
        } catch (InvalidInputException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static int singleTokenId(HuggingFaceTokenizer tokenizer, String token, Path file) {
        Encoding encoding = tokenizer.encode(token, false, false);
        String[] tokens = encoding.getTokens();
        if (tokens.length != 1 || !tokens[0].equals(token)) {
            throw new InvalidInputException(file, "the tokenizer has no token " + token);
        }
        return Math.toIntExact(encoding.getIds()[0]);
    }

    /**
     * Token ids of {@code text} with {@code <s>} first and {@code </s>} last, any length.
     *
     * @throws IllegalArgumentException for a text with a run of more than {@link #MAX_PIECE_CHARS}
     *     characters that cannot be cut (a tokenizer that cannot be cut: a text over that length)
     */
    public synchronized long[] encode(String text) {
        // ids (at most about one per character) in pieces and then in one array: 16 bytes a character at worst
        long heap = Runtime.getRuntime().maxMemory();
        if (16L * text.length() > heap / 10 * 6) {
            throw new IllegalArgumentException("text of " + text.length() + " characters needs up to "
                    + (16L * text.length() >> 20) + " MB of heap to tokenize; this JVM has " + (heap >> 20) + " MB (raise -Xmx)");
        }
        if (text.length() <= PIECE_CHARS) {
            return ids(text, true);
        }
        if (!piecewise) {
            if (text.length() > MAX_PIECE_CHARS) {
                throw new IllegalArgumentException("text of " + text.length() + " characters; this tokenizer takes at most "
                        + MAX_PIECE_CHARS + " (it cannot be cut into pieces)");
            }
            return ids(text, true);
        }
        return piecewise(text, PIECE_CHARS);
    }

    /** {@code text}'s ids, tokenized in pieces of about {@code pieceChars} cut as the class comment says. */
    private long[] piecewise(String text, int pieceChars) {
        List<long[]> pieces = new ArrayList<>();
        long total = (long) prefix.length + suffix.length;
        int start = 0;
        while (start < text.length()) {
            int end = cut(text, start, pieceChars);
            if (end - start > MAX_PIECE_CHARS) {
                throw new IllegalArgumentException("a run of " + (end - start) + " characters without a space or line break"
                        + " at character " + start + "; at most " + MAX_PIECE_CHARS + " are tokenized");
            }
            long[] piece = ids(text.substring(start, end), false);
            pieces.add(piece);
            total += piece.length;
            start = end;
        }
        if (total > MAX_ARRAY) {
            throw new IllegalArgumentException("text of " + total + " tokens; at most " + MAX_ARRAY + " are taken");
        }
        long[] out = new long[(int) total];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int n = prefix.length;
        for (long[] piece : pieces) {
            System.arraycopy(piece, 0, out, n, piece.length);
            n += piece.length;
        }
        System.arraycopy(suffix, 0, out, n, suffix.length);
        return out;
    }

    /**
     * Where the piece that begins at {@code start} ends: the last cut point at most {@code pieceChars}
     * after it, else the first one beyond, else the end of the text. A cut point is the start of a
     * {@code </s>} or a space right after a letter or digit.
     */
    static int cut(String text, int start, int pieceChars) {
        int limit = (int) Math.min(text.length(), (long) start + pieceChars);
        if (limit == text.length()) {
            return limit;
        }
        for (int i = limit; i > start; i--) {
            if (isCut(text, i)) {
                return i;
            }
        }
        for (int i = limit + 1; i < text.length(); i++) {
            if (isCut(text, i)) {
                return i;
            }
        }
        return text.length();
    }

    private static boolean isCut(String text, int i) {
        // a letter or digit never normalizes to (or merges with) a space, so the word before the
        // space ends where it would in the whole text
        return text.startsWith(SEP_TOKEN, i) || text.charAt(i) == ' ' && Character.isLetterOrDigit(text.charAt(i - 1));
    }

    /** Ids only: no tokens, offsets or masks are made in Java, so the native call allocates one array. */
    private long[] ids(String text, boolean addSpecialTokens) {
        TokenizersLibrary lib = TokenizersLibrary.LIB;
        long encoding = lib.encode(tokenizer.getHandle(), text, addSpecialTokens);
        try {
            return lib.getTokenIds(encoding);
        } finally {
            lib.deleteEncoding(encoding);
        }
    }

    /**
     * Learns the special tokens around a text ({@code <s>} … {@code </s>}) and whether cutting into
     * pieces gives the ids of the whole text on the probes, cutting at every possible point.
     */
    private void checkPiecewise() {
        long[] plain = ids("a", false);
        long[] special = ids("a", true);
        int at = indexOf(special, plain);
        if (plain.length == 0 || at < 0) {
            return;
        }
        prefix = Arrays.copyOfRange(special, 0, at);
        suffix = Arrays.copyOfRange(special, at + plain.length, special.length);
        for (String probe : PROBES) {
            if (!Arrays.equals(ids(probe, true), piecewise(probe, 1))) {
                return;
            }
        }
        piecewise = true;
    }

    private static int indexOf(long[] haystack, long[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether long texts are tokenized in pieces (the probes showed it gives the whole text's ids). */
    public boolean piecewise() {
        return piecewise;
    }

    /** Id of {@code <pad>} (1 for XLM-R), which pads text segments. */
    public int padTokenId() {
        return padTokenId;
    }

    /** The separator token that {@link TextInput#join} puts between lines: {@code </s>}. */
    public String sepToken() {
        return SEP_TOKEN;
    }

    @Override
    public synchronized void close() {
        tokenizer.close();
    }
}
