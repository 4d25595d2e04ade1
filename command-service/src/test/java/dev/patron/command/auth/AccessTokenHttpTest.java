package dev.patron.command.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.patron.kit.security.AccessToken;
import dev.patron.kit.security.TokenAudience;
import dev.patron.kit.security.TokenScope;
import dev.patron.kit.security.TokenVerifier;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /oauth/access_token} and the published keys, over real HTTP. */
class AccessTokenHttpTest extends RunningCommandService {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void clientCredentialsGiveABackOfficeTokenThatVerifiesAgainstThePublishedKeys() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> response = requestToken(form(
                "grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("identifier").asText()).isEqualTo("client_credentials");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("expires").asLong())
                .isBetween(before.getEpochSecond() + 3600, Instant.now().getEpochSecond() + 3600);

        String token = body.get("access_token").asText();
        AccessToken verified = verifierReadingThePublishedKeys().verifyAccessToken(token);
        assertThat(verified.scope()).isEqualTo(TokenScope.BACK_OFFICE);
        assertThat(verified.clientId()).isEqualTo(CLIENT_ID);

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(tokens().signingKey().getKeyID());
        assertThat(jwt.getJWTClaimsSet().getClaims())
                .containsKeys("iss", "aud", "sub", "iat", "exp", "jti")
                .containsEntry("scope", "back-office");
    }

    @Test
    void implicitGivesAStorefrontTokenForTheClientIdAlone() throws Exception {
        HttpResponse<String> response = requestToken(form("grant_type", "implicit", "client_id", CLIENT_ID));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("identifier").asText()).isEqualTo("implicit");
        assertThat(verifierReadingThePublishedKeys().verifyAccessToken(body.get("access_token").asText()).scope())
                .isEqualTo(TokenScope.STOREFRONT);
    }

    @Test
    void eachTokenHasItsOwnId() throws Exception {
        String form = form("grant_type", "implicit", "client_id", CLIENT_ID);
        String first = JSON.readTree(requestToken(form).body()).get("access_token").asText();
        String second = JSON.readTree(requestToken(form).body()).get("access_token").asText();
        assertThat(SignedJWT.parse(first).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(SignedJWT.parse(second).getJWTClaimsSet().getJWTID());
    }

    @Test
    void aWrongSecretAndAWrongIdGetTheSameRefusal() throws Exception {
        HttpResponse<String> wrongSecret = requestToken(form(
                "grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET + "x"));
        HttpResponse<String> wrongId = requestToken(form(
                "grant_type", "client_credentials", "client_id", "someone", "client_secret", CLIENT_SECRET));
        HttpResponse<String> wrongImplicitId = requestToken(form("grant_type", "implicit", "client_id", "someone"));

        for (HttpResponse<String> refused : new HttpResponse[]{wrongSecret, wrongId, wrongImplicitId}) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo(
                    "{\"errors\":[{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"The client credentials are not valid\"}]}");
        }
    }

    @Test
    void malformedRequestsAre400NamingTheParameter() throws Exception {
        assertBadRequest(form("client_id", CLIENT_ID), "grant_type");
        assertBadRequest(form("grant_type", "password", "client_id", CLIENT_ID), "grant_type");
        assertBadRequest(form("grant_type", "implicit"), "client_id");
        assertBadRequest(form("grant_type", "client_credentials", "client_id", CLIENT_ID), "client_secret");
    }

    @Test
    void aJsonBodyIsRefusedInTheContractFormat() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(baseUri().resolve("/oauth/access_token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"implicit\",\"client_id\":\"x\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("status").asInt()).isEqualTo(415);
    }

    @Test
    void thePublishedKeySetHoldsNoPrivatePart() throws Exception {
        for (String path : new String[]{"/oauth/jwks", "/.well-known/jwks.json"}) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(baseUri().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode key = JSON.readTree(response.body()).get("keys").get(0);
            assertThat(key.get("kid").asText()).isEqualTo(tokens().signingKey().getKeyID());
            assertThat(key.get("kty").asText()).isEqualTo("EC");
            assertThat(key.has("d")).isFalse();
        }
    }

    private void assertBadRequest(String form, String parameter) throws Exception {
        HttpResponse<String> response = requestToken(form);
        assertThat(response.statusCode()).as(form).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("source").asText()).isEqualTo(parameter);
    }

    private TokenVerifier verifierReadingThePublishedKeys() throws Exception {
        return new TokenVerifier(
                JWKSourceBuilder.<SecurityContext>create(baseUri().resolve("/oauth/jwks").toURL()).build(),
                new TokenAudience("patron", "patron-api"));
    }

    private HttpResponse<String> requestToken(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(baseUri().resolve("/oauth/access_token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
