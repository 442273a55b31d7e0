package org.clamp3.cli.preprocess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clamp3.cli.ErrorsFileOption;
import org.clamp3.cli.ShardOption;
import org.clamp3.cli.TreeBatch;
import org.clamp3.cli.WorkersOption;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.pipeline.BatchOptions;
import org.clamp3.core.pipeline.FileJob;
import org.clamp3.core.pipeline.Output;
import org.clamp3.core.util.JsonLines;
import org.clamp3.preprocess.audio.AudioTags;
import org.clamp3.preprocess.audio.codec.AudioDecoder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Audio file tags → one JSONL metadata record per file, a start for CLaMP 3's training metadata. */
@Command(name = "tags", mixinStandardHelpOptions = true,
        description = {
            "Read the tags of audio files (.wav, .mp3, .flac, .ogg) and write one JSON record per file in the shape of",
            "CLaMP 3's training metadata: id, filepaths (where `preprocess mert` puts its features), title, artists,",
            "album, genres, year, language when present, and duration in seconds."
        },
        footer = {
            "",
            "Example:",
            "  clamp3 preprocess tags audio/ metadata.jsonl --prefix audio/"
        })
final class TagsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "An audio file or a folder tree of them.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT.jsonl", description = "The JSON Lines file to write.")
    Path out;

    @Option(names = "--prefix", defaultValue = "audio/", paramLabel = "DIR/",
            description = "Put before each feature path in filepaths (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    @Mixin
    WorkersOption workers = new WorkersOption();

    @Mixin
    ShardOption shard = new ShardOption();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        List<FileTask> tasks = shard.filter(MirroredTree.tasks(in, Path.of(""), AudioDecoder.EXTENSIONS, "npy"));
        if (tasks.isEmpty() && shard.shard().count() == 1) {
            throw new InvalidInputException(in, "no .wav, .mp3, .flac or .ogg files here");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        FileJob<Map<String, Object>> job = new FileJob<>() {
            @Override
            public Map<String, Object> prepare(FileTask task) {
                AudioTags tags = AudioTags.read(task.input());
                Map<String, Object> record = new LinkedHashMap<>();
                String feature = MirroredTree.replaceExtension(task.relative(), "npy");
                record.put("id", Path.of(feature).getFileName().toString().replaceFirst("\\.npy$", ""));
                record.put("filepaths", List.of(prefix + feature));
                record.putAll(tags.asMetadata());
                return record;
            }

            @Override
            public List<Output> finish(List<FileTask> done, List<Map<String, Object>> prepared) {
                records.addAll(prepared); // rounds finish in task order, so the file keeps it
                return prepared.stream().<Output>map(r -> new Output.Kept()).toList();
            }
        };
        // one combined output, written below: nothing per file to skip
        int code = TreeBatch.run(cl, shard.errorsFile(errorsOption), "tags", out, tasks, job,
                BatchOptions.perFile(workers.count(), true));
        JsonLines.write(out, records);
        return code;
    }
}
