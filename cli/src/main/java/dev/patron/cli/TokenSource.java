package dev.patron.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Gets a back-office access token with the client credentials, and a new one before it runs out, so that a long
 * import never sends a token that expires on the way.
 */
final class TokenSource {

    private static final Duration LONGEST_MARGIN = Duration.ofSeconds(60);

    private final PatronHttp http;
    private final ObjectMapper json;
    private String token;
    private long renewAtNanos;

    TokenSource(PatronHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    /** A token that is good for a while yet. */
    synchronized String current() throws RetriableFailure, ImportFailure, StoppedException {
        if (token == null || System.nanoTime() - renewAtNanos >= 0) {
            fetch();
        }
        return token;
    }

    /** The server refused this token: the next {@link #current()} gets a new one, unless another thread did. */
    synchronized void refused(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }

    private void fetch() throws RetriableFailure, ImportFailure, StoppedException {
        ConnectionSettings settings = http.settings();
        String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId())
                + "&client_secret=" + encode(settings.clientSecret());
        long requested = System.nanoTime();
        HttpResponse<String> response = http.post("/oauth/access_token", "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString(form), null);
        int status = response.statusCode();
        if (status == 401) {
            throw new ImportFailure("authentication refused: the server does not accept PATRON_CLIENT_ID "
                    + settings.clientId() + " with this PATRON_CLIENT_SECRET (401)");
        }
        if (status != 200) {
            throw new ImportFailure("cannot get an access token: the server answered " + status + ": "
                    + ApiErrors.describe(json, response.body()));
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (Exception notJson) {
            throw new ImportFailure("cannot get an access token: the answer of " + settings.baseUrl()
                    + "/oauth/access_token is not JSON; is PATRON_URL the Patron API?");
        }
        String accessToken = answer.path("access_token").asText("");
        if (accessToken.isBlank()) {
            throw new ImportFailure("cannot get an access token: the answer has no access_token");
        }
        Duration lifetime = Duration.ofSeconds(answer.path("expires_in").asLong(3600));
        // Renew a little early (a tenth of the lifetime, at most a minute) so no request carries a dying token.
        Duration margin = lifetime.dividedBy(10).compareTo(LONGEST_MARGIN) > 0 ? LONGEST_MARGIN
                : lifetime.dividedBy(10);
        token = accessToken;
        renewAtNanos = requested + lifetime.minus(margin).toNanos();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
