package dev.patron.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/** The HTTP calls to the server, and the turning of transport failures into failures that are retried. */
final class PatronHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A batch of 500 customers is a lot of work for the server; a request still silent after this is lost. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final ConnectionSettings settings;

    PatronHttp(ConnectionSettings settings) {
        this.settings = settings;
    }

    ConnectionSettings settings() {
        return settings;
    }

    HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body, String bearer)
            throws RetriableFailure, StoppedException {
        URI uri = settings.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(body);
        return send(request, bearer);
    }

    HttpResponse<String> get(String path, String bearer) throws RetriableFailure, StoppedException {
        return send(HttpRequest.newBuilder(settings.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET(), bearer);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String bearer)
            throws RetriableFailure, StoppedException {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429 || response.statusCode() >= 500) {
                throw new RetriableFailure("the server answered " + response.statusCode(), retryAfter(response));
            }
            return response;
        } catch (HttpTimeoutException timeout) {
            throw new RetriableFailure("no answer from " + settings.baseUrl() + " in time", null);
        } catch (ConnectException refused) {
            throw new RetriableFailure("cannot connect to " + settings.baseUrl() + " (server unreachable)", null);
        } catch (IOException broken) {
            throw new RetriableFailure("connection to " + settings.baseUrl() + " failed ("
                    + (broken.getMessage() == null ? broken.getClass().getSimpleName() : broken.getMessage())
                    + ")", null);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoppedException();
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        try {
            return header.map(value -> Duration.ofSeconds(Long.parseLong(value.trim()))).orElse(null);
        } catch (NumberFormatException httpDate) {
            return null; // an HTTP date instead of seconds: our own pauses will do
        }
    }
}
