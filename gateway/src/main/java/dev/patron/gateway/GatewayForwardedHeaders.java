package dev.patron.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The forwarded headers a service receives are the gateway's own: whatever a client sent under those names is
 * dropped, and the gateway says how the request reached it: {@code X-Forwarded-Proto} and {@code -Host} (the scheme,
 * and the host and port the client addressed, which links are built from) and {@code -For} (the client's address).
 * The services believe them only from the gateway's address ({@code patron.web.trusted-proxies}).
 * <p>
 * Spring Cloud Gateway's own forwarded-header filters are left off: they pass a client's headers through unchanged
 * whenever the client is not a trusted proxy, and append to them otherwise.
 */
@Component
class GatewayForwardedHeaders implements HttpHeadersFilter {

    static final List<String> FORWARDED_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Port", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Forwarded-Ssl");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        input.forEach((name, values) -> {
            if (FORWARDED_HEADERS.stream().noneMatch(name::equalsIgnoreCase)) {
                headers.addAll(name, values);
            }
        });
        URI addressed = exchange.getRequest().getURI();
        headers.set("X-Forwarded-Proto", addressed.getScheme());
        if (addressed.getRawAuthority() != null) {
            headers.set("X-Forwarded-Host", addressed.getRawAuthority());
        }
        InetSocketAddress client = exchange.getRequest().getRemoteAddress();
        if (client != null && client.getAddress() != null) {
            headers.set("X-Forwarded-For", client.getAddress().getHostAddress());
        }
        return headers;
    }
}
