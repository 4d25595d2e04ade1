package dev.patron.command.customer.login;

import java.time.Instant;

/**
 * What a sign-in came to. A refusal is an answer, not an exception, so that the failure it records is stored with
 * it (an exception would roll the events back).
 */
public sealed interface SignInOutcome {

    /** @param credentialVersion what the customer token must carry; see {@code CustomerToken#credentialVersion} */
    record SignedIn(String customerId, long credentialVersion) implements SignInOutcome {
    }

    /** Wrong password, no password, or no such customer: the caller must not learn which. */
    record Refused() implements SignInOutcome {
    }

    /** Too many failures in a row: sign-ins are refused unchecked until {@code until}. */
    record LockedOut(Instant until) implements SignInOutcome {
    }
}
