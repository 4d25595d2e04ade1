package dev.patron.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.Map;

/**
 * @param maxBodySize       the largest request body accepted; larger ones get 413. Far above any customer or address
 *                          document, far below what would let a client tie up memory with one request.
 * @param maxBodySizeByPath larger limits for the few paths that take many resources at once (bulk imports), by exact
 *                          request path
 */
@ConfigurationProperties("patron.web")
public record WebKitProperties(@DefaultValue("64KB") DataSize maxBodySize, Map<String, DataSize> maxBodySizeByPath) {

    public WebKitProperties {
        maxBodySizeByPath = maxBodySizeByPath == null ? Map.of() : Map.copyOf(maxBodySizeByPath);
    }
}
