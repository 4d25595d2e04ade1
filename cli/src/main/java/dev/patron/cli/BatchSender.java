package dev.patron.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sends one batch to {@code POST /v2/customers/bulk} and reads the answer for each customer. Sending a batch
 * again is safe (the server answers {@code already_imported} for what it created before), which is what makes
 * retrying and resuming simple.
 */
final class BatchSender {

    static final String BULK_PATH = "/v2/customers/bulk";

    private final PatronHttp http;
    private final TokenSource tokens;
    private final Retrier retrier;
    private final ObjectMapper json;

    BatchSender(PatronHttp http, TokenSource tokens, Retrier retrier, ObjectMapper json) {
        this.http = http;
        this.tokens = tokens;
        this.retrier = retrier;
        this.json = json;
    }

    /** One outcome per sent customer, in the order of {@link Batch#sent()}. */
    List<ItemOutcome> send(Batch batch) throws ImportFailure, StoppedException {
        if (batch.sent().isEmpty()) {
            return List.of();
        }
        // A refused token is renewed once per batch: a second refusal means the credentials themselves are wrong.
        boolean[] renewed = {false};
        String what = "sending the customers of lines " + batch.firstLine() + "-" + batch.lastLine();
        return retrier.run(what, () -> {
            while (true) {
                String token = tokens.current();
                HttpResponse<String> response = http.post(BULK_PATH, "application/json",
                        HttpRequest.BodyPublishers.ofByteArray(batch.body()), token);
                int status = response.statusCode();
                if (status == 401 && !renewed[0]) {
                    renewed[0] = true;
                    tokens.refused(token);
                    continue;
                }
                return switch (status) {
                    case 200 -> outcomes(batch, response.body());
                    case 401 -> throw new ImportFailure("authentication refused: the server refused a fresh access"
                            + " token too (401): " + ApiErrors.describe(json, response.body()));
                    case 403 -> throw new ImportFailure("not allowed (403): the import needs a back-office client"
                            + " (PATRON_CLIENT_ID and PATRON_CLIENT_SECRET): "
                            + ApiErrors.describe(json, response.body()));
                    case 400, 413, 422 -> throw new ImportFailure("the server refused the whole batch of lines "
                            + batch.firstLine() + "-" + batch.lastLine() + " (" + status + "): "
                            + ApiErrors.describe(json, response.body())
                            + (status == 413 ? "; try a smaller --batch-size" : ""));
                    case 404 -> throw new ImportFailure("the server has no " + BULK_PATH + " (404): is PATRON_URL"
                            + " the Patron API, and a version with the bulk import?");
                    default -> throw new ImportFailure("unexpected answer " + status + " to " + what + ": "
                            + ApiErrors.describe(json, response.body()));
                };
            }
        });
    }

    private List<ItemOutcome> outcomes(Batch batch, String body) throws ImportFailure {
        JsonNode data;
        try {
            data = json.readTree(body).path("data");
        } catch (Exception notJson) {
            throw new ImportFailure("the answer to the batch of lines " + batch.firstLine() + "-" + batch.lastLine()
                    + " is not JSON");
        }
        int count = batch.sent().size();
        ItemOutcome[] outcomes = new ItemOutcome[count];
        for (JsonNode result : data) {
            int index = result.path("index").asInt(-1);
            if (index < 0 || index >= count || outcomes[index] != null) {
                throw new ImportFailure("the answer to the batch of lines " + batch.firstLine() + "-"
                        + batch.lastLine() + " has a result for index " + result.path("index") + ", which was not sent"
                        + " or is answered twice");
            }
            outcomes[index] = outcome(result);
        }
        if (Arrays.asList(outcomes).contains(null)) {
            throw new ImportFailure("the answer to the batch of lines " + batch.firstLine() + "-" + batch.lastLine()
                    + " has " + data.size() + " results for " + count + " customers");
        }
        return List.of(outcomes);
    }

    private static ItemOutcome outcome(JsonNode result) throws ImportFailure {
        String id = result.path("id").asText(null);
        return switch (result.path("status").asText("")) {
            case "created" -> new ItemOutcome(ItemOutcome.Status.CREATED, id, List.of());
            case "already_imported" -> new ItemOutcome(ItemOutcome.Status.ALREADY_IMPORTED, id, List.of());
            case "rejected" -> {
                List<String> errors = new ArrayList<>(ApiErrors.details(result.path("errors"), true));
                if (errors.isEmpty()) {
                    errors.add("rejected by the server (no reason given)");
                }
                yield new ItemOutcome(ItemOutcome.Status.REJECTED, null, List.copyOf(errors));
            }
            default -> throw new ImportFailure("unknown status " + result.path("status") + " in the answer");
        };
    }
}
