package dev.patron.command.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The store's API client: {@code PATRON_CLIENT_ID} and {@code PATRON_CLIENT_SECRET} (properties
 * {@code patron.client.id} / {@code patron.client.secret}). Unset values issue no tokens at all rather than
 * falling back to a guessable default.
 */
@ConfigurationProperties("patron.client")
public record ClientCredentials(String id, String secret) {

    boolean canIssueStorefrontTokens() {
        return isSet(id);
    }

    boolean canIssueBackOfficeTokens() {
        return isSet(id) && isSet(secret);
    }

    boolean isClientId(String presentedId) {
        return canIssueStorefrontTokens() && sameInConstantTime(id, presentedId);
    }

    /** Both parts are always compared, so the time taken tells nothing about which one was wrong. */
    boolean areThese(String presentedId, String presentedSecret) {
        boolean idMatches = sameInConstantTime(id, presentedId);
        boolean secretMatches = sameInConstantTime(secret, presentedSecret);
        return canIssueBackOfficeTokens() & idMatches & secretMatches;
    }

    /** Compares digests, so that neither the contents nor the length of the expected value leak through timing. */
    private static boolean sameInConstantTime(String expected, String presented) {
        return MessageDigest.isEqual(sha256(expected), sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException requiredByEveryJava) {
            throw new IllegalStateException(requiredByEveryJava);
        }
    }

    /** Records print their fields; this one must never print the secret, e.g. in a binding-failure message. */
    @Override
    public String toString() {
        return "ClientCredentials[id=" + id + ", secret=" + (isSet(secret) ? "(set)" : "(not set)") + "]";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
