package dev.patron.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code patron rebuild [READ_MODEL]}: starts a rebuild of a read model in the running Patron (or follows the one
 * running) and shows its progress as the server reports it, until the new generation is live. The rebuild runs in
 * Patron: stopping this command (Ctrl-C) stops only the watching, and running it again follows the rebuild again.
 */
final class RebuildCommand {

    static final String DEFAULT_READ_MODEL = "customers";
    static final int SWITCHED = 0;
    static final int FAILED = 1;
    /** How long polls may fail in a row (a restart, a hiccup) before the command gives up watching. */
    private static final Duration LONGEST_SILENCE = Duration.ofSeconds(30);

    private final String readModel;
    private final ConnectionSettings settings;
    private final StopSignal stop;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Duration pollInterval;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<JsonNode> latest = new AtomicReference<>();

    RebuildCommand(String readModel, ConnectionSettings settings, StopSignal stop, PrintStream out, PrintStream err,
                   boolean terminal, Duration pollInterval) {
        this.readModel = readModel;
        this.settings = settings;
        this.stop = stop;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.pollInterval = pollInterval;
    }

    int run() throws ImportFailure {
        PatronHttp http = new PatronHttp(settings);
        TokenSource tokens = new TokenSource(http, json);
        try {
            JsonNode started = start(http, tokens);
            long target = started.at("/rebuild/target_generation").asLong();
            latest.set(started);
            err.println("rebuilding read model " + readModel + " into generation " + target + " at "
                    + settings.baseUrl());
            ProgressDisplay display = new ProgressDisplay(err, terminal, "patron-rebuild-progress", this::line);
            JsonNode outcome;
            try {
                display.start();
                outcome = follow(http, tokens, target);
            } finally {
                display.close();
            }
            if (outcome == null) {
                err.println("stopped watching; the rebuild goes on in Patron (./patron rebuild " + readModel
                        + " follows it again)");
                return ImportCommand.INTERRUPTED;
            }
            JsonNode rebuild = outcome.get("rebuild");
            if ("failed".equals(rebuild.path("status").asText())) {
                err.println("patron rebuild: the rebuild of " + readModel + " failed: "
                        + rebuild.path("error").asText("no reason given") + "; generation "
                        + rebuild.path("from_generation").asLong() + " stays live");
                return FAILED;
            }
            out.println("rebuilt read model " + readModel + ": generation " + rebuild.path("target_generation").asLong()
                    + " is live (" + ProgressLine.number(rebuild.path("events_done").asLong()) + " events, "
                    + ProgressLine.number(Math.round(rebuild.path("events_per_second").asDouble())) + "/s)");
            return SWITCHED;
        } catch (RetriableFailure unreachable) {
            throw new ImportFailure("no Patron answers at " + settings.baseUrl() + ": " + unreachable.getMessage()
                    + " (start it with ./patron up)");
        } catch (StoppedException stopped) {
            return ImportCommand.INTERRUPTED;
        }
    }

    /** Starts the rebuild; when one is running already, follows that one. The read model as the server shows it. */
    private JsonNode start(PatronHttp http, TokenSource tokens)
            throws RetriableFailure, StoppedException, ImportFailure {
        HttpResponse<String> response = http.post("/v2/read-models/" + encode(readModel) + "/rebuild",
                "application/json", HttpRequest.BodyPublishers.noBody(), tokens.current());
        switch (response.statusCode()) {
            case 202:
                return body(response).path("data");
            case 409:
                err.println("patron rebuild: " + ApiErrors.describe(json, response.body()) + "; following it");
                JsonNode running = readModel(http, tokens);
                if (running != null && "running".equals(running.at("/rebuild/status").asText())) {
                    return running;
                }
                throw new ImportFailure("the server refused the rebuild: " + ApiErrors.describe(json, response.body()));
            case 404:
                throw new ImportFailure("Patron has no read model " + readModel + " (" + ApiErrors.describe(json,
                        response.body()) + "); the read models: " + DEFAULT_READ_MODEL);
            default:
                throw new ImportFailure("the server answered " + response.statusCode() + ": "
                        + ApiErrors.describe(json, response.body()));
        }
    }

    /** Polls until the rebuild into {@code target} has switched or failed; null when stopped first. */
    private JsonNode follow(PatronHttp http, TokenSource tokens, long target) throws ImportFailure {
        long lastHeard = System.nanoTime();
        while (!stop.awaitFor(pollInterval)) {
            try {
                JsonNode model = readModel(http, tokens);
                lastHeard = System.nanoTime();
                if (model == null || model.at("/rebuild/target_generation").asLong() != target) {
                    throw new ImportFailure("Patron no longer knows the rebuild into generation " + target
                            + " (was it restarted?)");
                }
                latest.set(model);
                if (!"running".equals(model.at("/rebuild/status").asText())) {
                    return model;
                }
            } catch (RetriableFailure | StoppedException | ImportFailure failure) {
                if (failure instanceof ImportFailure fatal) {
                    throw fatal;
                }
                if (failure instanceof StoppedException) {
                    return null;
                }
                if (System.nanoTime() - lastHeard > LONGEST_SILENCE.toNanos()) {
                    throw new ImportFailure("lost Patron at " + settings.baseUrl() + ": " + failure.getMessage());
                }
            }
        }
        return null;
    }

    private JsonNode readModel(PatronHttp http, TokenSource tokens)
            throws RetriableFailure, StoppedException, ImportFailure {
        HttpResponse<String> response = http.get("/v2/read-models", tokens.current());
        if (response.statusCode() != 200) {
            throw new ImportFailure("the server answered " + response.statusCode() + " to GET /v2/read-models: "
                    + ApiErrors.describe(json, response.body()));
        }
        for (JsonNode model : body(response).path("data")) {
            if (readModel.equals(model.path("name").asText())) {
                return model;
            }
        }
        return null;
    }

    /** E.g. {@code [#####---------------]  250,000/1,000,000  25%  41,000/s  18s left  generation 1 → 2}. */
    private String line(boolean withBar) {
        JsonNode rebuild = latest.get().path("rebuild");
        double rate = rebuild.path("events_per_second").asDouble(Double.NaN);
        JsonNode left = rebuild.path("seconds_left");
        return ProgressLine.progress(rebuild.path("events_done").asLong(), rebuild.path("events_total").asLong(),
                rate <= 0 ? Double.NaN : rate, left.isNumber() ? Long.valueOf(left.asLong()) : null, withBar)
                + "  generation " + rebuild.path("from_generation").asLong() + " -> "
                + rebuild.path("target_generation").asLong();
    }

    private JsonNode body(HttpResponse<String> response) throws ImportFailure {
        try {
            return json.readTree(response.body());
        } catch (Exception notJson) {
            throw new ImportFailure("the answer of " + settings.baseUrl() + " is not JSON; is PATRON_URL the Patron API?");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
