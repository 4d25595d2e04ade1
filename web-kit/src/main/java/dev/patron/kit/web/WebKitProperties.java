package dev.patron.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.List;
import java.util.Map;

/**
 * @param maxBodySize       the largest request body accepted; larger ones get 413. Far above any customer or address
 *                          document, far below what would let a client tie up memory with one request.
 * @param maxBodySizeByPath larger limits for the few paths that take many resources at once (bulk imports), by exact
 *                          request path
 * @param trustedProxies    the peers whose forwarded headers are believed (the gateway), as addresses or CIDR blocks;
 *                          none by default, so that with no proxy in front no client can claim another host or address
 * @param publicBaseUrl     the URL clients reach Patron at ({@code https://api.example.com}, optionally with a path);
 *                          when set, every absolute link starts with it whatever the request's host; blank is unset
 */
@ConfigurationProperties("patron.web")
public record WebKitProperties(@DefaultValue("64KB") DataSize maxBodySize, Map<String, DataSize> maxBodySizeByPath,
                               List<String> trustedProxies, String publicBaseUrl) {

    public WebKitProperties {
        maxBodySizeByPath = maxBodySizeByPath == null ? Map.of() : Map.copyOf(maxBodySizeByPath);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
