package dev.patron.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patron.contract.testing.ContractErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP client (the JDK's) for tests of any Patron service, plus assertions on the contract's error format.
 * Headers given with {@link #withHeader} (e.g. an {@code Authorization} token) go with every request; requests of a
 * client {@link #fromAddress from an address} leave from that local address, as if from another machine. Every answer
 * to a path of the API host is held to the API description ({@link DescribedApi}), so that any test that meets an
 * answer the description does not allow fails.
 */
public final class ApiTestClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Map<String, String> headers;
    private final InetAddress localAddress;

    private ApiTestClient(String baseUrl, Map<String, String> headers, InetAddress localAddress) {
        this.baseUrl = baseUrl;
        this.headers = headers;
        this.localAddress = localAddress;
    }

    public static ApiTestClient onPort(int port) {
        return new ApiTestClient("http://localhost:" + port, Map.of(), null);
    }

    public ApiTestClient withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiTestClient(baseUrl, Map.copyOf(more), localAddress);
    }

    /**
     * This client, its requests sent from {@code localAddress} (e.g. {@code 127.0.0.2}: Linux routes all of
     * {@code 127.0.0.0/8} to loopback), so that the service sees them come from another client address. The JDK's
     * client cannot choose its local address, so these go over a socket of their own ({@link SourceBoundExchange}).
     */
    public ApiTestClient fromAddress(String localAddress) {
        try {
            return new ApiTestClient(baseUrl, headers, InetAddress.getByName(localAddress));
        } catch (UnknownHostException notAnAddress) {
            throw new IllegalArgumentException(notAnAddress);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)),
                json);
    }

    public HttpResponse<String> post(String path, BodyPublisher json) {
        return send(request(path).header("Content-Type", "application/json").POST(json));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)),
                json);
    }

    /** A request to {@code path} carrying this client's headers, for anything the shortcuts do not cover. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        headers.forEach(request::header);
        return request;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, null);
    }

    /** @param json the JSON body the request carries, or {@code null}: the description checks it when it was accepted */
    private HttpResponse<String> send(HttpRequest.Builder request, String json) {
        HttpResponse<String> response;
        try {
            response = localAddress != null
                    ? SourceBoundExchange.send(request.build(), localAddress)
                    : HTTP.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (DescribedApi.get().covers(response.request().uri().getRawPath())) {
            DescribedApi.get().check(response, json);
        }
        return response;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that the response is the contract's error body for {@code status} (JSON, every entry with that status,
     * its standard title and a detail) about the request as a whole: no entry names a field. Returns the entries.
     */
    public static JsonNode errors(HttpResponse<String> response, int status) {
        JsonNode errors = errorBody(response, status);
        assertThat(sources(errors)).as("fields named by %s", response.body()).containsOnlyNulls();
        return errors;
    }

    /**
     * Asserts that the response is the contract's error body for {@code status} whose entries name exactly these
     * fields ({@code source}), in this order. Returns the entries.
     */
    public static JsonNode errors(HttpResponse<String> response, int status, String... fields) {
        JsonNode errors = errorBody(response, status);
        assertThat(sources(errors)).as("fields named by %s", response.body()).containsExactly(fields);
        return errors;
    }

    /**
     * Asserts that the response is the contract's error body for {@code status} and that every entry names the field
     * it is about, for a caller that checks which fields in another way (any order, a subset). Returns the entries.
     */
    public static JsonNode fieldErrors(HttpResponse<String> response, int status) {
        JsonNode errors = errorBody(response, status);
        assertThat(sources(errors)).as("fields named by %s", response.body()).doesNotContainNull();
        return errors;
    }

    private static JsonNode errorBody(HttpResponse<String> response, int status) {
        return ContractErrors.assertErrorDocument(status, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    /** The {@code source} of each error entry, in order; {@code null} where an entry names none. */
    public static List<String> sources(JsonNode errors) {
        List<String> sources = new ArrayList<>();
        errors.forEach(error -> sources.add(error.hasNonNull("source") ? error.get("source").asText() : null));
        return sources;
    }
}
