package org.clamp3.cli;

import picocli.CommandLine.Command;

/** A persistent, incremental search index of a collection (embedded Lucene HNSW). */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {
            "A persistent search index of a collection: build (and update) it from a folder tree, describe it, check it.",
            "Search it with `clamp3 search QUERY INDEX`; classify it with `clamp3 classify zero-shot INDEX`;",
            "push it to Elasticsearch with `clamp3 index push INDEX --es URL --es-index NAME`."
        },
        subcommands = {IndexBuildCommand.class, IndexInfoCommand.class, IndexVerifyCommand.class, IndexPushCommand.class},
        footer = {
            "",
            "Example:",
            "  clamp3 index build music/ music.idx --model models/clamp3-saas --mert models/mert-v1-95m --segments 30",
            "  clamp3 search --text \"a melancholic piano waltz\" music.idx --top-k 5",
            "  clamp3 index info music.idx --json",
            "  clamp3 index push music.idx --es http://127.0.0.1:9200 --es-index music"
        })
final class IndexCommand {
}
