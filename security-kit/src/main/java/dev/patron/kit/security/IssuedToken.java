package dev.patron.kit.security;

import java.time.Instant;

/**
 * A signed token, its id ({@code jti}) and the moment it stops being accepted.
 */
public record IssuedToken(String id, String value, Instant expiresAt) {
}
