package org.clamp3.core.input;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
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
 * <p>Thread-safe: encoding is serialized, because DJL does not document its native handle as
 * safe for concurrent use. Tokenizing costs little next to running the model.
 */
public final class TextTokenizer implements AutoCloseable {

    /** XLM-R's separator token, which the original joins text lines with. */
    private static final String SEP_TOKEN = "</s>";
    private static final String PAD_TOKEN = "<pad>";

    private final HuggingFaceTokenizer tokenizer;
    private final int padTokenId;

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
            return new TextTokenizer(tokenizer, padTokenId);
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

    /** Token ids of {@code text} with {@code <s>} first and {@code </s>} last, any length. */
    public synchronized long[] encode(String text) {
        return tokenizer.encode(text).getIds();
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
