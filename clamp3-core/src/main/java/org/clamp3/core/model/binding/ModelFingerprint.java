package org.clamp3.core.model.binding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.weights.SafetensorsFile;

/**
 * A short identity of a model: SHA-256 over its config file's bytes and its weights' identity,
 * cut to 16 hex digits. A weight file's identity is a SHA-256 of its size and its first and last
 * MiB (two MiB of reading, not a hash of gigabytes); a .safetensors file that {@code models
 * convert} made from a checkpoint carries its source's identity, so converting a model does not
 * change its fingerprint. Two folders with the same config and the same weights have the same
 * fingerprint wherever they live; any retrained or edited weights change it.
 */
public final class ModelFingerprint {
    private static final int SAMPLE = 1 << 20;
    /** The safetensors metadata key under which a converted file keeps its source's identity. */
    public static final String SOURCE_IDENTITY = "clamp3.source_identity";

    private ModelFingerprint() {}

    /** The fingerprint of one config file and one weight file. */
    public static String of(Path config, Path weights) {
        MessageDigest sha = sha256();
        try {
            sha.update(Files.readAllBytes(config));
        } catch (IOException e) {
            throw new InvalidInputException(config, "cannot read for the model's fingerprint: " + e.getMessage(), e);
        }
        sha.update((byte) 0);
        sha.update(identity(weights).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    /**
     * The weights' identity: the one a converted .safetensors records, else the hash of the
     * file's size and first and last MiB.
     */
    public static String identity(Path weights) {
        if (weights.getFileName().toString().endsWith(".safetensors")) {
            try (SafetensorsFile file = SafetensorsFile.open(weights)) {
                String recorded = file.metadata().get(SOURCE_IDENTITY);
                if (recorded != null) {
                    return recorded;
                }
            } catch (IOException e) {
                throw new InvalidInputException(weights, "cannot read for the model's fingerprint: " + e.getMessage(), e);
            }
        }
        return sampledIdentity(weights);
    }

    /** SHA-256 (hex) of the file's size and its first and last MiB. */
    public static String sampledIdentity(Path weights) {
        MessageDigest sha = sha256();
        try (FileChannel ch = FileChannel.open(weights, StandardOpenOption.READ)) {
            long size = ch.size();
            sha.update(Long.toString(size).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            update(sha, ch, 0, Math.min(SAMPLE, size));
            update(sha, ch, Math.max(0, size - SAMPLE), Math.min(SAMPLE, size));
        } catch (IOException e) {
            throw new InvalidInputException(weights, "cannot read for the model's fingerprint: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, FileChannel ch, long position, long length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                break;
            }
        }
        buf.flip();
        sha.update(buf);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

}
