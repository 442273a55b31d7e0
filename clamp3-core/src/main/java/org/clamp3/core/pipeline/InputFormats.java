package org.clamp3.core.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.model.Modality;

/**
 * The registry of input formats: extension → format. Immutable; {@link #with} gives a new
 * registry with more formats, so modules add theirs without core knowing them. Two formats may
 * not claim the same extension.
 */
public final class InputFormats {
    private final Map<String, InputFormat> byExtension;
    private final List<InputFormat> formats;

    private InputFormats(List<InputFormat> formats) {
        Map<String, InputFormat> map = new LinkedHashMap<>();
        for (InputFormat f : formats) {
            for (String e : new TreeSet<>(f.extensions())) {
                InputFormat earlier = map.putIfAbsent(e, f);
                if (earlier != null) {
                    throw new IllegalArgumentException("." + e + " is claimed by both " + earlier.name() + " and " + f.name());
                }
            }
        }
        this.formats = List.copyOf(formats);
        this.byExtension = map;
    }

    public static InputFormats of(Collection<InputFormat> formats) {
        return new InputFormats(new ArrayList<>(formats));
    }

    /** This registry plus {@code more}. */
    public InputFormats with(InputFormat... more) {
        List<InputFormat> all = new ArrayList<>(formats);
        all.addAll(List.of(more));
        return new InputFormats(all);
    }

    /** This registry with {@code format} in place of the one of the same name. */
    public InputFormats replacing(InputFormat format) {
        List<InputFormat> all = new ArrayList<>();
        boolean found = false;
        for (InputFormat f : formats) {
            boolean same = f.name().equals(format.name());
            found |= same;
            all.add(same ? format : f);
        }
        if (!found) {
            throw new IllegalArgumentException("no format named " + format.name() + " to replace");
        }
        return new InputFormats(all);
    }

    /** The formats that pass {@code keep} (e.g. one modality's). */
    public InputFormats only(Predicate<InputFormat> keep) {
        return new InputFormats(formats.stream().filter(keep).toList());
    }

    public InputFormats only(Modality modality) {
        return only(f -> f.modality() == modality);
    }

    public List<InputFormat> formats() {
        return formats;
    }

    /** Every extension registered, in a stable order. */
    public Set<String> extensions() {
        return new TreeSet<>(byExtension.keySet());
    }

    /** ".abc, .mtf or .txt": for "no such files here" messages. */
    public String describe() {
        List<String> list = extensions().stream().map(e -> "." + e).toList();
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    public boolean accepts(Path file) {
        return byExtension.containsKey(MirroredTree.extension(file.getFileName().toString()));
    }

    /**
     * The format of a file, by its extension.
     *
     * @throws InvalidInputException naming the file when no format takes it
     */
    public InputFormat forFile(Path file) {
        String ext = MirroredTree.extension(file.getFileName().toString());
        InputFormat f = byExtension.get(ext);
        if (f == null) {
            throw new InvalidInputException(file, "unsupported file type " + (ext.isEmpty() ? "(no extension)" : "." + ext)
                    + " (expected " + describe() + ")");
        }
        return f;
    }
}
