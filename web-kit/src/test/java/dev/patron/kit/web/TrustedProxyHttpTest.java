package dev.patron.kit.web;

import static dev.patron.kit.web.ApiTestClient.errors;
import static dev.patron.kit.web.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is believed about where a request came from and was sent to, through a real server: a service with no trusted
 * proxy (as Patron in one process), one that trusts the loopback gateway in front of it (the services layout), and
 * one with a public base URL. An endpoint answers with what the request looks like after the kit's filter, and a link
 * built by {@link PublicLinks}.
 */
@Tag("integration")
class TrustedProxyHttpTest {

    /** Everything a client could write to steer links or its own address, each as one header line. */
    private static final List<String> HOSTILE = List.of(
            "X-Forwarded-Host: evil.example",
            "X-Forwarded-Host: evil.example:666",
            "Forwarded: host=evil.example;proto=javascript;for=6.6.6.6",
            "X-Forwarded-Prefix: /evil",
            "X-Forwarded-Port: 666",
            "X-Forwarded-Proto: javascript",
            "X-Forwarded-Ssl: on",
            "X-Forwarded-For: 6.6.6.6");

    private static ConfigurableApplicationContext noProxy;
    private static ConfigurableApplicationContext behindGateway;
    private static ConfigurableApplicationContext withPublicBaseUrl;

    @BeforeAll
    static void startServices() {
        noProxy = service();
        behindGateway = service("--patron.web.trusted-proxies=127.0.0.0/8,::1");
        withPublicBaseUrl = service("--patron.web.public-base-url=https://api.example.com/shop/");
    }

    @AfterAll
    static void stop() {
        noProxy.close();
        behindGateway.close();
        withPublicBaseUrl.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "X-Forwarded-Host: evil.example",
            "X-Forwarded-Host: evil.example:666",
            "Forwarded: host=evil.example;proto=javascript;for=6.6.6.6",
            "X-Forwarded-Prefix: /evil",
            "X-Forwarded-Port: 666",
            "X-Forwarded-Proto: javascript",
            "X-Forwarded-Ssl: on",
            "X-Forwarded-For: 6.6.6.6"})
    void withNoTrustedProxyAForwardedHeaderChangesNothingAndIsHiddenFromTheService(String header) {
        int port = port(noProxy);
        JsonNode seen = json(ok(RawHttp.get(port, "/seen?x=1", List.of(header))));

        assertThat(seen.get("link").asText()).isEqualTo("http://localhost:" + port + "/seen?page=2");
        assertThat(seen.get("url").asText()).isEqualTo("http://localhost:" + port + "/seen");
        assertThat(seen.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(seen.get("secure").asBoolean()).isFalse();
        assertThat(seen.get("forwarded_headers")).isEmpty();
    }

    @Test
    void allOfThemAtOnceChangeNothingEither() {
        int port = port(noProxy);
        JsonNode seen = json(ok(RawHttp.get(port, "/seen", HOSTILE)));

        assertThat(seen.get("link").asText()).isEqualTo("http://localhost:" + port + "/seen?page=2");
        assertThat(seen.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(seen.get("forwarded_headers")).isEmpty();
    }

    @Test
    void theHostTheClientAddressedIsTheLinksHostWhenNoPublicBaseUrlIsSet() {
        JsonNode seen = json(ok(RawHttp.get(port(noProxy), "/seen", List.of("Host: shop.example"))));

        assertThat(seen.get("link").asText()).isEqualTo("http://shop.example/seen?page=2");
    }

    @Test
    void aTrustedProxySaysWhereTheRequestWasSentAndFromWhere() {
        JsonNode seen = json(ok(RawHttp.get(port(behindGateway), "/seen", List.of(
                "X-Forwarded-Proto: https",
                "X-Forwarded-Host: api.example.com:8443",
                "X-Forwarded-Port: 8443",
                "X-Forwarded-For: 203.0.113.9"))));

        assertThat(seen.get("link").asText()).isEqualTo("https://api.example.com:8443/seen?page=2");
        assertThat(seen.get("url").asText()).isEqualTo("https://api.example.com:8443/seen");
        assertThat(seen.get("secure").asBoolean()).isTrue();
        assertThat(seen.get("client").asText()).isEqualTo("203.0.113.9");
        assertThat(seen.get("forwarded_headers")).isEmpty();
    }

    /** A proxy that appends to what its client sent: the value it wrote itself is the last one. */
    @Test
    void fromATrustedProxyTheNearestValueOfEachHeaderCounts() {
        JsonNode seen = json(ok(RawHttp.get(port(behindGateway), "/seen", List.of(
                "X-Forwarded-Proto: javascript, https",
                "X-Forwarded-Host: evil.example",
                "X-Forwarded-Host: api.example.com",
                "X-Forwarded-For: 6.6.6.6, 203.0.113.9"))));

        assertThat(seen.get("link").asText()).isEqualTo("https://api.example.com/seen?page=2");
        assertThat(seen.get("client").asText()).isEqualTo("203.0.113.9");
    }

    @Test
    void evenATrustedProxyCannotSetAPrefixOrUseTheForwardedHeader() {
        int port = port(behindGateway);
        JsonNode seen = json(ok(RawHttp.get(port, "/seen", List.of(
                "X-Forwarded-Prefix: /evil",
                "Forwarded: host=evil.example;proto=https;for=6.6.6.6"))));

        assertThat(seen.get("link").asText()).isEqualTo("http://localhost:" + port + "/seen?page=2");
        assertThat(seen.get("client").asText()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "X-Forwarded-Proto: javascript",
            "X-Forwarded-Proto: data",
            "X-Forwarded-Host: evil.example/path",
            "X-Forwarded-Host: user@evil.example",
            "X-Forwarded-Host: evil.example:0",
            "X-Forwarded-Host: evil.example:99999",
            "X-Forwarded-Host: ::1",
            "X-Forwarded-Port: 0",
            "X-Forwarded-Port: 65536",
            "X-Forwarded-Port: eighty",
            "X-Forwarded-For: evil.example",
            "X-Forwarded-For: 6.6.6.6:1234"})
    void aForwardedValueThatCannotBeRightIsRefusedEvenFromATrustedProxy(String header) {
        errors(RawHttp.get(port(behindGateway), "/seen", List.of(header)), 400);
    }

    @Test
    void withAPublicBaseUrlEveryLinkStartsWithItWhateverTheHost() {
        int port = port(withPublicBaseUrl);
        List<String> everything = new ArrayList<>(HOSTILE);
        everything.add("Host: evil.example");
        for (List<String> headers : List.of(List.<String>of(), List.of("Host: evil.example"), everything)) {
            JsonNode seen = json(ok(RawHttp.get(port, "/seen", headers)));

            assertThat(seen.get("link").asText()).as("%s", headers)
                    .isEqualTo("https://api.example.com/shop/seen?page=2");
        }
    }

    @Test
    void aServiceWhereTomcatOrSpringWouldBelieveForwardedHeadersDoesNotStart() {
        for (String strategy : List.of("native", "framework")) {
            assertThatThrownBy(() -> service("--server.forward-headers-strategy=" + strategy))
                    .hasStackTraceContaining("server.forward-headers-strategy must be none");
        }
    }

    /**
     * On Kubernetes Spring Boot would have Tomcat believe forwarded headers from any private-network peer, loopback
     * included, unless told otherwise; web-kit tells it otherwise.
     */
    @Test
    void onKubernetesTomcatStillBelievesNoForwardedHeader() {
        try (ConfigurableApplicationContext onKubernetes = service("--spring.main.cloud-platform=kubernetes")) {
            int port = port(onKubernetes);
            JsonNode seen = json(ok(RawHttp.get(port, "/seen", HOSTILE)));

            assertThat(seen.get("link").asText()).isEqualTo("http://localhost:" + port + "/seen?page=2");
            assertThat(seen.get("client").asText()).isEqualTo("127.0.0.1");
        }
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static ConfigurableApplicationContext service(String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(ShowsTheRequest.class).run(arguments.toArray(String[]::new));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "dev.patron.kit.security.PatronSecurityAutoConfiguration")
    static class ShowsTheRequest {

        @RestController
        static class Seen {

            @GetMapping("/seen")
            Map<String, Object> seen(HttpServletRequest request) {
                return Map.of(
                        "link", PublicLinks.toCurrentPath().queryParam("page", 2).toUriString(),
                        "url", request.getRequestURL().toString(),
                        "client", request.getRemoteAddr(),
                        "secure", request.isSecure(),
                        "forwarded_headers", Collections.list(request.getHeaderNames()).stream()
                                .filter(name -> name.toLowerCase().startsWith("x-forwarded")
                                        || name.equalsIgnoreCase("forwarded"))
                                .toList());
            }
        }
    }
}
