package org.clamp3.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.index.es.EsTarget;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where a collection on Elasticsearch lives: {@code --es URL --es-index NAME} and credentials. */
final class EsOptions {
    @Option(names = "--es", paramLabel = "URL", description = "Elasticsearch node, e.g. http://127.0.0.1:9200.")
    String url;

    @Option(names = "--es-index", paramLabel = "NAME", description = "Elasticsearch index name (lower case).")
    String index;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Elasticsearch API key (the encoded form). Default: $CLAMP3_ES_API_KEY.")
    String apiKey;

    @Option(names = "--user", paramLabel = "USER", description = "Elasticsearch user (basic authentication, with --password-file).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is --user's password.")
    Path passwordFile;

    /** Whether any Elasticsearch option was given. */
    boolean given() {
        return url != null || index != null || apiKey != null || user != null || passwordFile != null;
    }

    /**
     * The target, after checking the options go together.
     *
     * @throws CommandLine.ParameterException for a usage error (exit 2)
     */
    EsTarget target(CommandLine cl) {
        if (url == null || index == null) {
            throw new CommandLine.ParameterException(cl, url == null ? "--es URL is needed with --es-index" : "--es-index NAME is needed with --es");
        }
        if (passwordFile != null && user == null) {
            throw new CommandLine.ParameterException(cl, "--password-file needs --user");
        }
        String key = apiKey;
        if (key == null && user == null) {
            String env = System.getenv("CLAMP3_ES_API_KEY");
            key = env != null && !env.isBlank() ? env : null;
        }
        String password = null;
        if (user != null) {
            if (passwordFile == null) {
                throw new CommandLine.ParameterException(cl, "--user needs --password-file (a password on the command line would show in ps)");
            }
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new InvalidInputException(passwordFile, "cannot read the password file: " + e.getMessage(), e);
            }
        }
        try {
            return EsTarget.of(url, index, key, user, password);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}
