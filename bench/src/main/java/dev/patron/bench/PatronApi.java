package dev.patron.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The calls the benchmark makes on Patron's one API host, through the JDK's HTTP client (HTTP/1.1, keep-alive: one
 * pooled connection per client thread, as a back office or a shop front would hold them).
 */
final class PatronApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String REQUEST_ID = "X-Request-Id";
    /** A token is renewed this long before it expires, so that no call in flight carries an expired one. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String clientId;
    private final String clientSecret;
    private final AccessToken backOffice = new AccessToken("client_credentials");
    private final AccessToken storefront = new AccessToken("implicit");

    PatronApi(int port, String clientId, String clientSecret) {
        this.base = URI.create("http://localhost:" + port);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** {@code POST /v2/customers} with the back-office token; no password when {@code password} is null. */
    void createCustomer(String name, String email, String password) throws IOException, InterruptedException {
        createCustomer(name, email, password, Map.of());
    }

    /** The same with custom field values, top-level attributes of the customer as the contract has them. */
    void createCustomer(String name, String email, String password, Map<String, Object> customValues)
            throws IOException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "customer");
        data.put("name", name);
        data.put("email", email);
        if (password != null) {
            data.put("password", password);
        }
        data.putAll(customValues);
        send(jsonPost("/v2/customers", data, backOffice.value()), 201);
    }

    /** {@code POST /v2/flows}: an enabled flow; returns its id. The flow {@code customers} extends customers. */
    String createFlow(String slug, String name) throws IOException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "flow");
        data.put("slug", slug);
        data.put("name", name);
        data.put("enabled", true);
        return json.readTree(send(jsonPost("/v2/flows", data, backOffice.value()), 201)).at("/data/id").asText();
    }

    /** {@code POST /v2/fields}: a field of the flow {@code flowId}, with the defaults for everything not given. */
    void createField(String flowId, String slug, String name, String fieldType)
            throws IOException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "field");
        data.put("slug", slug);
        data.put("name", name);
        data.put("field_type", fieldType);
        data.put("relationships", Map.of("flow", Map.of("data", Map.of("type", "flow", "id", flowId))));
        send(jsonPost("/v2/fields", data, backOffice.value()), 201);
    }

    /** The first page of a customer list: how many customers it held, and the total the answer gives. */
    record CustomerPage(int customers, long total) {
    }

    /** {@code GET /v2/customers?filter=..} with the back-office token, default order and page size. */
    CustomerPage customersFiltered(String filter) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/customers?filter=" + encode(filter)))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + backOffice.value())
                .GET()
                .build();
        JsonNode page = json.readTree(send(request, 200));
        return new CustomerPage(page.get("data").size(), page.at("/meta/results/total").asLong());
    }

    /** {@code POST /v2/integrations}: a webhook of {@code observes} to {@code url}; returns its id. */
    String createIntegration(String name, String url, String secret, List<String> observes)
            throws IOException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "integration");
        data.put("name", name);
        data.put("enabled", true);
        data.put("integration_type", "webhook");
        data.put("observes", observes);
        data.put("configuration", Map.of("url", url, "secret_key", secret));
        return json.readTree(send(jsonPost("/v2/integrations", data, backOffice.value()), 201)).at("/data/id").asText();
    }

    void deleteIntegration(String id) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/v2/integrations/" + id)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + backOffice.value()).DELETE().build(), 204);
    }

    /** {@code POST /v2/customers/tokens} by password with a storefront token, as a shop front signs a shopper in. */
    void signIn(String email, String password) throws IOException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "token");
        data.put("authentication_mechanism", "password");
        data.put("email", email);
        data.put("password", password);
        send(jsonPost("/v2/customers/tokens", data, storefront.value()), 200);
    }

    /**
     * {@code GET /v2/customers/<random id>} with the back-office token, answered 404: the cheapest authenticated call
     * through the API host, so its rate is the HTTP floor under every other call.
     */
    void fetchMissingCustomer() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/customers/" + UUID.randomUUID()))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + backOffice.value())
                .GET()
                .build();
        send(request, 404);
    }

    /** {@code POST /v2/customers/tokens} by password; returns the customer token. */
    String customerToken(String email, String password) throws IOException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "token");
        data.put("authentication_mechanism", "password");
        data.put("email", email);
        data.put("password", password);
        return json.readTree(send(jsonPost("/v2/customers/tokens", data, storefront.value()), 200))
                .at("/data/token").asText();
    }

    /** {@code POST /v2/customers} with a password; returns the new customer's id. */
    String signUp(String name, String email, String password) throws IOException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "customer");
        data.put("name", name);
        data.put("email", email);
        data.put("password", password);
        return json.readTree(send(jsonPost("/v2/customers", data, storefront.value()), 201)).at("/data/id").asText();
    }

    /** A storefront puts one custom item in the cart (created on first use) and checks it out as a guest. */
    String guestCheckout(String cart, String email) throws IOException, InterruptedException {
        addItem(cart);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", Map.of("name", "Bench Guest", "email", email));
        data.put("billing_address", ADDRESS);
        data.put("shipping_address", ADDRESS);
        return json.readTree(send(jsonPost("/v2/carts/" + cart + "/checkout", data, storefront.value()), 201))
                .at("/data/id").asText();
    }

    /** The back office fills a cart and checks it out as the customer {@code customerId}. */
    void customerCheckout(String cart, String customerId) throws IOException, InterruptedException {
        addItem(cart);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", Map.of("id", customerId));
        data.put("billing_address", ADDRESS);
        data.put("shipping_address", ADDRESS);
        send(jsonPost("/v2/carts/" + cart + "/checkout", data, backOffice.value()), 201);
    }

    /** {@code GET /v2/orders} with a customer token: the first page of their history; returns how many it held. */
    int orderHistoryPage(String customerToken) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/orders"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + storefront.value())
                .header("X-Moltin-Customer-Token", customerToken)
                .GET()
                .build();
        return json.readTree(send(request, 200)).get("data").size();
    }

    /** One page of the event feed with the back-office token. */
    record FeedPage(int events, long cursor) {
    }

    /** {@code GET /v2/events?after=..&limit=..} with the back-office token. */
    FeedPage feedPage(long after, int limit) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/events?after=" + after + "&limit=" + limit))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + backOffice.value())
                .GET()
                .build();
        JsonNode page = json.readTree(send(request, 200));
        return new FeedPage(page.get("data").size(), page.at("/meta/cursor").asLong());
    }

    /** {@code GET /v2/orders?filter=eq(email,..)} with the back-office token; returns how many orders it found. */
    int ordersByEmail(String email) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/orders?filter=" + encode("eq(email," + email + ")")))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + backOffice.value())
                .GET()
                .build();
        return json.readTree(send(request, 200)).get("data").size();
    }

    /** {@code POST /v2/read-models/{name}/rebuild} with the back-office token (202); the read model as answered. */
    JsonNode startRebuild(String readModel) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/read-models/" + readModel + "/rebuild"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + backOffice.value())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return json.readTree(send(request, 202)).get("data");
    }

    /** {@code GET /v2/read-models}: the first (and only) read model. */
    JsonNode readModel() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/read-models"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + backOffice.value())
                .GET()
                .build();
        return json.readTree(send(request, 200)).get("data").get(0);
    }

    private void addItem(String cart) throws IOException, InterruptedException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "custom_item");
        item.put("name", "Mustache wax");
        item.put("sku", "MUSTACHE-WAX");
        item.put("quantity", 2);
        item.put("price", Map.of("amount", 1500, "includes_tax", true));
        send(jsonPost("/v2/carts/" + cart + "/items", item, storefront.value()), 201);
    }

    private static final Map<String, Object> ADDRESS = Map.of("first_name", "Ron", "last_name", "Swanson",
            "line_1", "1 Sycamore Lane", "city", "Pawnee", "postcode", "47998", "country", "US");

    /** Whose access token a call carries. */
    enum Caller { BACK_OFFICE, STOREFRONT }

    /**
     * An answer of any status, for a caller that judges outcomes itself: Patron's {@code X-Request-Id} (absent when no
     * service answered, e.g. the gateway's 502 for a service that was down) and the JSON body (null when there is
     * none, or it is not JSON).
     */
    record Answer(int status, String requestId, JsonNode body) {
    }

    /** {@code method path} with {@code {"data": data}} as its body (none when null), answered whatever the status. */
    Answer call(String method, String path, Map<String, Object> data, Caller caller)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer "
                        + (caller == Caller.BACK_OFFICE ? backOffice.value() : storefront.value()));
        if (data == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("data", data))));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        if (!response.body().isEmpty()) {
            try {
                body = json.readTree(response.body());
            } catch (IOException notJson) {
                // An answer that is not JSON is judged by its status alone.
            }
        }
        return new Answer(response.statusCode(), response.headers().firstValue(REQUEST_ID).orElse(null), body);
    }

    private HttpRequest jsonPost(String path, Map<String, Object> data, String token) throws IOException {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("data", data))))
                .build();
    }

    private String send(HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The JDK's exceptions often have no message (a bare ConnectException): say which call failed.
            throw new IOException(request.method() + " " + request.uri() + " failed: " + e, e);
        }
        if (response.statusCode() != expectedStatus) {
            String body = response.body();
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + " (expected " + expectedStatus + "): "
                    + body.substring(0, Math.min(body.length(), 300)));
        }
        return response.body();
    }

    /** One kind of access token, fetched on first use and renewed shortly before it expires (runs can be long). */
    private final class AccessToken {
        private final String grantType;
        private String value;
        private long renewAtNanos;

        AccessToken(String grantType) {
            this.grantType = grantType;
        }

        synchronized String value() throws IOException, InterruptedException {
            if (value == null || System.nanoTime() - renewAtNanos >= 0) {
                String form = "grant_type=" + grantType + "&client_id=" + encode(clientId)
                        + (grantType.equals("client_credentials") ? "&client_secret=" + encode(clientSecret) : "");
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/oauth/access_token"))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build();
                long requested = System.nanoTime();
                JsonNode answer = json.readTree(send(request, 200));
                value = answer.required("access_token").asText();
                Duration lifetime = Duration.ofSeconds(answer.required("expires_in").asLong());
                renewAtNanos = requested + lifetime.minus(RENEW_BEFORE_EXPIRY).toNanos();
            }
            return value;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
