package org.clamp3.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.io.InvalidInputException;

/**
 * Reads the training metadata JSONL of the seed README (one JSON object per line with
 * {@code filepaths} and text fields). Lines that are not usable are reported and skipped.
 */
public final class JsonlItems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlItems() {}

    public static List<JsonNode> read(Path jsonl, Consumer<InvalidInputException> problems) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        if (!Files.isRegularFile(jsonl)) {
            throw new InvalidInputException(jsonl, "no such file");
        }
        int number = 0;
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode item;
                try {
                    item = JSON.readTree(line);
                } catch (IOException e) {
                    problems.accept(new InvalidInputException(jsonl, "line " + number + " is not JSON"));
                    continue;
                }
                JsonNode paths = item == null ? null : item.get("filepaths");
                if (item == null || !item.isObject() || paths == null || !paths.isArray() || paths.isEmpty()
                        || !paths.get(0).isTextual()) {
                    problems.accept(new InvalidInputException(jsonl, "line " + number + " has no \"filepaths\" list"));
                    continue;
                }
                items.add(item);
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(jsonl, "not valid UTF-8 text (at or after line " + (number + 1) + ")", e);
        }
        return items;
    }
}
