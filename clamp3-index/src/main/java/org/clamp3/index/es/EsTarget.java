package org.clamp3.index.es;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * An Elasticsearch index: the node's URL, the index name, and how to authenticate.
 *
 * @param url the node, e.g. http://127.0.0.1:9200 (no trailing slash)
 * @param index the index name (Elasticsearch's rules: lower case, no spaces or {@code \/*?"<>|,#:})
 * @param authorization the Authorization header's value, or null
 */
public record EsTarget(URI url, String index, String authorization) {

    public EsTarget {
        String why = invalidName(index);
        if (why != null) {
            throw new IllegalArgumentException("--es-index '" + index + "': " + why);
        }
    }

    /**
     * @param apiKey an API key (the encoded form Elasticsearch prints), or null
     * @param user a user for basic authentication, or null
     * @param password the user's password (with {@code user})
     * @throws IllegalArgumentException naming the option at fault
     */
    public static EsTarget of(String url, String index, String apiKey, String user, String password) {
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--es '" + url + "' is not a URL (" + e.getReason()
                    + "): give an http:// or https:// URL with a host, e.g. http://127.0.0.1:9200");
        }
        if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
            throw new IllegalArgumentException("--es '" + url + "': give an http:// or https:// URL with a host, e.g. http://127.0.0.1:9200");
        }
        if (apiKey != null && user != null) {
            throw new IllegalArgumentException("give --api-key or --user, not both");
        }
        String auth = null;
        if (apiKey != null) {
            auth = "ApiKey " + apiKey.trim();
        } else if (user != null) {
            String pair = user + ":" + (password == null ? "" : password);
            auth = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return new EsTarget(uri, index, auth);
    }

    /** For messages: URL and index, never the credentials. */
    public String describe() {
        return url + "/" + index;
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Why Elasticsearch would refuse this index name, or null. */
    static String invalidName(String name) {
        if (name == null || name.isEmpty()) {
            return "an index name is needed";
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            return "index names must be lower case";
        }
        if (name.equals(".") || name.equals("..") || "-_+".indexOf(name.charAt(0)) >= 0) {
            return "index names may not be . or .. or start with -, _ or +";
        }
        for (char c : name.toCharArray()) {
            if (" \\/*?\"<>|,#:".indexOf(c) >= 0) {
                return "index names may not contain '" + c + "'";
            }
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            return "index names are at most 255 bytes";
        }
        return null;
    }
}
