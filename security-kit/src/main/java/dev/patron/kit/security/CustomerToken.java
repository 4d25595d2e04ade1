package dev.patron.kit.security;

/**
 * A verified customer token.
 *
 * @param credentialVersion the version of the customer's credentials when the token was issued: the sequence
 *                          number of the customer's latest {@code PasswordSet} event, or {@link #NO_PASSWORD_SET}.
 *                          Setting a new password revokes every token carrying an older version (see
 *                          {@link CustomerTokenRevocations}), without comparing clocks.
 */
public record CustomerToken(String customerId, long credentialVersion) {

    /**
     * The credential version of a customer who has never had a password (signed up without one, or by SSO): below
     * every sequence number. The command service's Customer aggregate gives such a customer the same value from its
     * own constant, as its domain code imports nothing of this kit; a test there holds the two equal.
     */
    public static final long NO_PASSWORD_SET = -1;
}
