package dev.patron.command.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.command.auth.AccessTokenIssuer;
import dev.patron.kit.security.IssuedToken;
import dev.patron.progress.ProjectionProgress;
import dev.patron.progress.ProjectionProgressApi;
import dev.patron.progress.ProjectionProgressApi.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Asks a query service in another process how far its projections are ({@link ProjectionProgressApi}): one request
 * per write, which the query service holds until the position is processed, so the answer comes the moment the
 * write can be read, with no polling on either side. Authenticates with a back-office token this service issues to
 * itself, renewed before it expires.
 * <p>
 * With several query service instances, each is asked: only the one whose projection holds the processor's segment
 * sees it progress (the others answer when the wait runs out), and which one that is changes when it stops. The first
 * that says "processed" answers the write, and the questions still open are cancelled.
 */
class RemoteProjectionProgress implements ProjectionProgress {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<URI> queryServices;
    private final AccessTokenIssuer tokens;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicReference<IssuedToken> token = new AtomicReference<>();

    RemoteProjectionProgress(List<URI> queryServices, AccessTokenIssuer tokens, ObjectMapper json, Clock clock) {
        if (queryServices.isEmpty()) {
            throw new IllegalArgumentException("no query service to ask");
        }
        this.queryServices = List.copyOf(queryServices);
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
    }

    /**
     * True as soon as one query service says the position is processed; false once every one has answered otherwise;
     * failed when none said so and one could not be asked.
     */
    @Override
    public CompletableFuture<Boolean> whenProcessed(String projection, long position, Duration timeout) {
        List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
        List<CompletableFuture<Boolean>> asked = queryServices.stream()
                .map(queryService -> {
                    CompletableFuture<HttpResponse<byte[]>> request = ask(queryService, projection, position, timeout);
                    sent.add(request);
                    return request.thenApply(response -> processed(response, projection));
                })
                .toList();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        asked.forEach(question -> question.thenAccept(processed -> {
            if (processed) {
                answer.complete(true);
            }
        }));
        CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
                .whenComplete((all, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(false);
                    }
                });
        // The requests still held by the other instances are of no use any more: close them.
        answer.whenComplete((processed, failure) -> sent.forEach(request -> request.cancel(true)));
        return answer;
    }

    private CompletableFuture<HttpResponse<byte[]>> ask(URI queryService, String projection, long position,
                                                        Duration timeout) {
        URI uri = UriComponentsBuilder.fromUri(queryService).path(ProjectionProgressApi.PATH)
                .queryParam(ProjectionProgressApi.POSITION, position)
                .queryParam(ProjectionProgressApi.WAIT_MILLIS, Math.min(timeout.toMillis(), ProjectionProgressApi.MAX_WAIT_MILLIS))
                .buildAndExpand(projection).toUri();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + currentToken().value())
                .timeout(timeout.plusSeconds(2))
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private boolean processed(HttpResponse<byte[]> response, String projection) {
        if (response.statusCode() == 404) {
            throw new IllegalArgumentException("The query service has no projection " + projection);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The query service answered " + response.statusCode());
        }
        return read(response.body()).processed();
    }

    private IssuedToken currentToken() {
        return token.updateAndGet(current -> current == null
                || clock.instant().isAfter(current.expiresAt().minus(RENEW_BEFORE_EXPIRY)) ? tokens.serviceToken() : current);
    }

    private Answer read(byte[] body) {
        try {
            return json.readValue(body, Answer.class);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
