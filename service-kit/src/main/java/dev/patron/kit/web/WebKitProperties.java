package dev.patron.kit.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest request body accepted; larger ones get 413. Far above any customer or address
 *                    document, far below what would let a client tie up memory with one request.
 */
@ConfigurationProperties("patron.web")
public record WebKitProperties(@DefaultValue("64KB") DataSize maxBodySize) {
}
