package org.clamp3.cli;

import java.nio.file.Path;
import java.util.List;

import org.clamp3.core.io.FileTask;
import org.clamp3.core.pipeline.Shard;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --shard I/N}: work on shard I of N of the input tree (0 <= I < N), for N independent jobs
 * (a SLURM array, GNU parallel, several machines) that together cover the tree exactly once. A
 * file's shard comes from a hash of its path relative to IN ({@link Shard}), so it is the same on
 * every machine whatever the other files. A shard writes only its own outputs, and its own error
 * report ({@code clamp3-errors.shard-I-of-N.jsonl} unless {@code --errors} names one).
 */
public final class ShardOption {
    @Option(names = "--shard", paramLabel = "I/N", converter = ShardOption.Converter.class,
            description = "Only shard I of N of the input (0 <= I < N; stable by a hash of each file's relative path).")
    Shard shard;

    public Shard shard() {
        return shard == null ? Shard.ALL : shard;
    }

    /** The tasks of this shard, in their order. */
    public List<FileTask> filter(List<FileTask> tasks) {
        Shard part = shard();
        return part.count() == 1 ? tasks : tasks.stream().filter(t -> part.contains(t.relative())).toList();
    }

    /** The error report of this shard: the one --errors names, else the default name with the shard in it. */
    public Path errorsFile(ErrorsFileOption errors) {
        if (shard == null || shard.count() == 1 || !errors.file.equals(Path.of(ErrorsFileOption.DEFAULT))) {
            return errors.file;
        }
        return Path.of("clamp3-errors.shard-" + shard.index() + "-of-" + shard.count() + ".jsonl");
    }

    /** Parses I/N; a malformed one is a usage error (exit 2). */
    public static final class Converter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
