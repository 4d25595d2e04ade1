package dev.patron.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.contract.testing.RawHttp;
import dev.patron.eventstore.testing.InMemoryMongo;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The back-office console as the one-process Patron serves it at {@code /console}: its page and scripts with the
 * security headers, for anyone (they hold nothing; the data comes from the API with a token), read only, and every
 * refusal in the contract's error format like any answer of the API host. The browser tests (console-check/) drive
 * the page itself.
 */
@Tag("integration")
class ConsoleHttpTest {

    private static RunningPatron patron;

    @BeforeAll
    static void start() {
        patron = RunningPatron.start(InMemoryMongo.connectionString(), "console-" + UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        patron.close();
    }

    private static RawHttp.Response request(String method, String target) {
        return RawHttp.request(patron.port, method, target, "Host: localhost");
    }

    private static void assertSecurityHeaders(RawHttp.Response response) {
        assertThat(response.header("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.headers().get("cache-control")).as("one Cache-Control").containsExactly("no-store");
    }

    @Test
    void thePageAndItsScriptsAreServedWithoutATokenAndWithTheSecurityHeaders() {
        for (String path : new String[] {"/console", "/console/"}) {
            RawHttp.Response page = request("GET", path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>")
                    .doesNotContain("<script>");
            assertSecurityHeaders(page);
        }
        RawHttp.Response script = request("GET", "/console/pages/customer.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertSecurityHeaders(script);
        assertThat(request("HEAD", "/console/console.css").status()).isEqualTo(200);
    }

    @Test
    void itIsReadOnly() {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            request(method, "/console").assertContractError(405);
            request(method, "/console/app.js").assertContractError(405);
        }
    }

    @Test
    void whatItDoesNotHoldIsNotFoundAndNothingElseOfTheClasspathIsReachable() {
        assertSecurityHeaders(request("GET", "/console/missing.js"));
        request("GET", "/console/missing.js").assertContractError(404);
        request("GET", "/console/dev/patron/console/ConsolePage.class").assertContractError(404);
        request("GET", "/console/../openapi.yaml").assertContractError(400);
        request("GET", "/console/..%2f..%2fapplication.yml").assertContractError(400);
        String authorization = "Authorization: Bearer " + RunningPatron.accessToken(patron.port);
        for (String elsewhere : new String[] {"/index.html", "/app.js", "/dev/patron/console/assets/app.js"}) {
            RawHttp.request(patron.port, "GET", elsewhere, "Host: localhost", authorization).assertContractError(404);
        }
    }
}
