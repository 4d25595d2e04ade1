package dev.patron.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The API description is one tools can read, and {@link DescribedApi} tells answers it allows from others. */
class DescribedApiTest {

    private static final DescribedApi API = DescribedApi.get();
    private static final String CUSTOMER = """
            {"data":{"type":"customer","id":"c-1","name":"Ron","email":"ron@swanson.com","password":false,
            "external_ref":null,"meta":{"timestamps":{"created_at":"2024-01-31T10:00:00.000Z",
            "updated_at":"2024-01-31T10:00:00.000Z"}}}}""";
    private static final String NOT_FOUND = """
            {"errors":[{"status":404,"title":"Not Found","detail":"No customer with this id"}]}""";

    @Test
    void theDescriptionIsAnOpenApi3DescriptionWhoseEveryReferenceResolvesAndEverySchemaIsValid() {
        assertThat(DescribedApi.openApi3Problems(API.description())).isEmpty();
        assertThat(API.operations()).hasSizeGreaterThan(50);
    }

    @Test
    void aBrokenDescriptionIsToldApart() {
        ObjectNode broken = API.description().deepCopy();
        broken.put("openapi", "2.0");
        ((ObjectNode) broken.at("/paths/~1v2~1customers/get")).remove("security");
        ((ObjectNode) broken.at("/paths/~1v2~1customers~1{customerId}")).remove("parameters");
        ((ObjectNode) broken.at("/paths/~1v2~1customers/post/responses")).putObject("418").put("description", "tea");
        ((ObjectNode) broken.at("/components/schemas/Money/properties/amount")).put("type", "whole");
        ((ObjectNode) broken.at("/components/schemas/Customer/properties/meta")).put("$ref", "#/components/schemas/No");

        assertThat(String.join("\n", DescribedApi.openApi3Problems(broken))).contains(
                "openapi must be a 3.x.y version",
                "GET /v2/customers: no security requirement",
                "GET /v2/customers/{customerId}: path variable customerId is not a required path parameter",
                "POST /v2/customers: 418 is not the contract's error document",
                "schema Money",
                "$ref #/components/schemas/No does not resolve");
    }

    @Test
    void aLiteralSegmentIsPreferredToAVariableOne() {
        assertThat(API.find("POST", "/v2/customers/tokens")).hasValueSatisfying(
                operation -> assertThat(operation.node().path("operationId").asText()).isEqualTo("createCustomerToken"));
        assertThat(API.find("PUT", "/v2/customers/tokens")).hasValueSatisfying(
                operation -> assertThat(operation.node().path("operationId").asText()).isEqualTo("updateCustomer"));
        assertThat(API.find("HEAD", "/v2/customers/c-1")).hasValueSatisfying(
                operation -> assertThat(operation.node().path("operationId").asText()).isEqualTo("getCustomer"));
        assertThat(API.find("PATCH", "/v2/customers/c-1")).isEmpty();
        assertThat(API.covers("/v2/anything")).isTrue();
        assertThat(API.covers("/actuator/health")).isFalse();
    }

    @Test
    void anAnswerTheDescriptionAllowsPasses() {
        assertThat(API.problems(answer("GET", "/v2/customers/c-1", 200, CUSTOMER), null)).isEmpty();
        assertThat(API.problems(answer("GET", "/v2/customers/c-1", 404, NOT_FOUND), null)).isEmpty();
        assertThat(API.problems(answer("DELETE", "/v2/customers/c-1", 204, ""), null)).isEmpty();
        assertThat(API.problems(answer("GET", "/v2/unknown", 404, """
                {"errors":[{"status":404,"title":"Not Found","detail":"No resource found at this path"}]}"""), null))
                .isEmpty();
    }

    @Test
    void aStatusTheOperationDoesNotDescribeFails() {
        assertThat(API.problems(answer("GET", "/v2/customers/c-1", 500, """
                {"errors":[{"status":500,"title":"Internal Server Error","detail":"x"}]}"""), null))
                .singleElement().asString().contains("not 500");
        assertThat(API.problems(answer("GET", "/v2/customers", 404, NOT_FOUND), null))
                .singleElement().asString().contains("not 404");
        assertThat(API.problems(answer("GET", "/v2/unknown", 200, "{}"), null)).isNotEmpty();
    }

    @Test
    void aBodyOutsideItsSchemaFails() {
        assertThat(API.problems(answer("GET", "/v2/customers/c-1", 200, CUSTOMER.replace("\"password\":false,", "")),
                null)).singleElement().asString().contains("password");
        assertThat(API.problems(answer("GET", "/v2/customers/c-1", 200,
                CUSTOMER.replace("2024-01-31T10:00:00.000Z", "yesterday")), null)).isNotEmpty();
        assertThat(API.problems(answer("GET", "/v2/customers/c-1", 404, "<html>Not Found</html>"), null)).isNotEmpty();
        assertThat(API.problems(answer("GET", "/v2/customers/c-1", 404, NOT_FOUND.replace("404,", "400,")), null))
                .singleElement().asString().contains("says status 400 in a 404 answer");
        assertThat(API.problems(answer("GET", "/v2/customers/c-1", 404, NOT_FOUND.replace("\"detail\"", "\"trace\"")),
                null)).isNotEmpty();
    }

    @Test
    void anAcceptedRequestOutsideItsDescribedSchemaFails() {
        assertThat(API.problems(answer("POST", "/v2/customers", 201, CUSTOMER),
                "{\"data\":{\"type\":\"customer\",\"name\":\"Ron\",\"email\":\"ron@swanson.com\"}}")).isEmpty();
        assertThat(API.problems(answer("POST", "/v2/customers", 201, CUSTOMER),
                "{\"data\":{\"type\":\"customer\",\"name\":\"Ron\"}}"))
                .singleElement().asString().contains("the request accepted breaks its described schema");
    }

    private static HttpResponse<String> answer(String method, String path, int status, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost" + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpHeaders headers = HttpHeaders.of(body.isEmpty() ? Map.of()
                : Map.of("Content-Type", List.of(body.startsWith("{") ? "application/json" : "text/html")),
                (name, value) -> true);
        return new Answer(request, status, headers, body);
    }

    private record Answer(HttpRequest request, int statusCode, HttpHeaders headers, String body)
            implements HttpResponse<String> {

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
