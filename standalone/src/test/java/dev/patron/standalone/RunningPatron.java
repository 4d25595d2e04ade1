package dev.patron.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.kit.web.ApiTestClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Patron started as {@code ./patron up} starts it, in this JVM: both sides in one application on a random port (and
 * its health and metrics on another), against the in-memory MongoDB server (a database of its own), with an API client
 * of its own.
 */
final class RunningPatron implements AutoCloseable {

    static final String CLIENT_ID = "standalone-test";
    static final String CLIENT_SECRET = "standalone-test-" + UUID.randomUUID();

    final ConfigurableApplicationContext context;
    final int port;
    final int managementPort;

    private RunningPatron(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        this.managementPort = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    static RunningPatron start(String mongoUri, String database, ApplicationContextInitializer<?>... initializers) {
        return start(mongoUri, database, List.of(), initializers);
    }

    /** @param settings further arguments, such as {@code --patron.read-models.grace-period=PT10M} */
    static RunningPatron start(String mongoUri, String database, List<String> settings,
                               ApplicationContextInitializer<?>... initializers) {
        List<String> arguments = new ArrayList<>(List.of(
                "--patron.mongo.database=" + database,
                "--patron.client.id=" + CLIENT_ID,
                "--patron.client.secret=" + CLIENT_SECRET));
        arguments.addAll(settings);
        ConfigurableApplicationContext context = StandalonePatron.application()
                .initializers(initializers)
                .run(StandalonePatron.arguments(mongoUri, 0, 0, arguments.toArray(String[]::new)));
        return new RunningPatron(context);
    }

    /** The API with a back-office token. */
    ApiTestClient backOffice() {
        return ApiTestClient.onPort(port).withHeader("Authorization", "Bearer " + accessToken(port));
    }

    /** The API with a storefront token (implicit grant): what a shop front may do for anonymous shoppers. */
    ApiTestClient storefront() {
        HttpResponse<String> response = ApiTestClient.onPort(port).send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/oauth/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=implicit&client_id=" + CLIENT_ID)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("No storefront token: " + response.statusCode() + " " + response.body());
        }
        return ApiTestClient.onPort(port).withHeader("Authorization",
                "Bearer " + ApiTestClient.json(response).get("access_token").asText());
    }

    /** A back-office access token from the Patron on {@code port}, as the SDK gets one. */
    static String accessToken(int port) {
        String form = "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret="
                + URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8);
        HttpResponse<String> response = ApiTestClient.onPort(port).send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/oauth/access_token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        JsonNode token = ApiTestClient.json(response);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("No token: " + response.statusCode() + " " + response.body());
        }
        return token.get("access_token").asText();
    }

    @Override
    public void close() {
        context.close();
    }
}
