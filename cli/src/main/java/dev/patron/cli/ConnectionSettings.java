package dev.patron.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where the server is and who we are, from PATRON_URL, PATRON_CLIENT_ID and PATRON_CLIENT_SECRET. */
record ConnectionSettings(URI baseUrl, String clientId, String clientSecret) {

    static ConnectionSettings fromEnvironment(Map<String, String> env) throws UsageException {
        List<String> missing = new ArrayList<>();
        String url = value(env, "PATRON_URL", missing);
        String clientId = value(env, "PATRON_CLIENT_ID", missing);
        String clientSecret = value(env, "PATRON_CLIENT_SECRET", missing);
        if (!missing.isEmpty()) {
            throw new UsageException(String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not set: the command needs PATRON_URL (e.g. http://localhost:8080), PATRON_CLIENT_ID"
                    + " and PATRON_CLIENT_SECRET (a back-office client) in the environment");
        }
        return new ConnectionSettings(baseUrl(url), clientId, clientSecret);
    }

    URI resolve(String path) {
        return URI.create(baseUrl + path);
    }

    private static String value(Map<String, String> env, String name, List<String> missing) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            missing.add(name);
            return null;
        }
        return value.trim();
    }

    private static URI baseUrl(String url) throws UsageException {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            URI uri = URI.create(trimmed);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException notAUri) {
            // falls through to the message below
        }
        throw new UsageException("PATRON_URL must be an http(s) address such as http://localhost:8080, got " + url);
    }
}
