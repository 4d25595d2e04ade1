package dev.patron.kit.security;

/** A verified access token: which client asked for it, and with what scope. */
public record AccessToken(String clientId, TokenScope scope) {
}
