package dev.patron.kit.security;

/**
 * The issuer a token must name and the audience it must be meant for. Signer and verifiers read both from
 * {@code patron.auth.issuer} / {@code patron.auth.audience}, so tokens of another system signed with a key that
 * happens to be trusted are still refused.
 */
public record TokenAudience(String issuer, String audience) {
}
