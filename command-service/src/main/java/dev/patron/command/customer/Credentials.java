package dev.patron.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.patron.command.customer.login.LinkOidcIdentity;
import dev.patron.command.customer.login.PasswordAttempts;
import dev.patron.command.customer.login.SignInLockout;
import dev.patron.command.customer.login.SignInMechanism;
import dev.patron.command.customer.login.SignInOutcome;
import dev.patron.command.customer.login.SignInWithOidc;
import dev.patron.command.customer.login.SignInWithPassword;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerLockedOut;
import dev.patron.events.customer.CustomerSignInFailed;
import dev.patron.events.customer.CustomerSignedIn;
import dev.patron.events.customer.OidcIdentityLinked;
import dev.patron.events.customer.PasswordHashUpgraded;
import dev.patron.events.customer.PasswordSet;
import dev.patron.events.privacy.PersonalData;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * A customer's credentials, an entity of the {@link Customer} aggregate: the password hash and its credential
 * version, the failed password sign-ins in a row and the lockout they lead to. It decides sign-ins, by password and
 * by single sign-on, records links to single sign-on identities, and replaces an imported hash by Patron's own once a
 * sign-in has proved its password. Axon hands it the sign-in and link commands and every event of the customer; the
 * root has it set the password in its create and update handlers, which also change the customer's details.
 * <p>
 * Of its events only {@link PasswordSet} is a change of the customer resource, and the root follows it for that.
 * In a snapshot the whole entity is one personal-data value of the customer (see {@link Customer}); the hash is
 * marked as well, so that the event store refuses a snapshot holding this entity anywhere it would be kept in clear.
 */
class Credentials {

    /**
     * The credential version of a customer who has never had a password (signed up without one, or by single
     * sign-on): below every sequence number, so that a first password revokes the tokens issued before it. Customer
     * tokens know the same value as {@code CustomerToken.NO_PASSWORD_SET}, which this domain does not import (it
     * belongs to the security kit); {@code CustomerTokenAgreementTest} holds the two equal.
     */
    static final long NO_PASSWORD_SET = -1;

    /**
     * The PHC prefix of Patron's own Argon2id hashes. Anything else but an imported hash in its storage form may be a
     * plaintext password that slipped through.
     */
    private static final String ARGON2ID_PREFIX = "$argon2id$";

    private String customerId;
    @PersonalData
    private String passwordHash;
    /** Customer tokens carry it; a newer password revokes the tokens that carry an older one. */
    private long credentialVersion = NO_PASSWORD_SET;
    private int consecutiveSignInFailures;
    private Instant lastSignInFailureAt;
    private Instant signInLockedUntil;

    /**
     * Refuses a password hash that is neither Patron's Argon2id hash nor an imported hash in its storage form. Needs
     * no state, so that the root's guard clauses can check it before the command records anything.
     */
    static void requireHashOrNull(String passwordHash) {
        if (passwordHash != null && !passwordHash.startsWith(ARGON2ID_PREFIX)
                && !ImportedPasswordHash.isStorageForm(passwordHash)) {
            throw new IllegalArgumentException(
                    "A password must arrive as an Argon2id hash or as an imported hash in its storage form");
        }
    }

    boolean hasPassword() {
        return passwordHash != null;
    }

    /**
     * Records {@code newPasswordHash} as the password unless it is the current one, so that a repeated update adds
     * no event; {@code null} (no password given) records nothing. Checked by {@link #requireHashOrNull} beforehand.
     */
    void setPassword(String newPasswordHash) {
        if (newPasswordHash == null || newPasswordHash.equals(passwordHash)) {
            return;
        }
        apply(new PasswordSet(customerId, newPasswordHash));
    }

    /**
     * Checks the password only when the customer is not locked out, so that a lockout also stops an attacker from
     * learning whether a guess was right. Time comes from Axon's event clock, which also stamps the events. An
     * imported hash that the password matched is replaced by Patron's own hash of that password, now that it is
     * known, so that the next sign-in checks Argon2id.
     */
    @CommandHandler
    SignInOutcome handle(SignInWithPassword command, PasswordAttempts passwords, SignInLockout lockout) {
        Instant now = GenericEventMessage.clock.instant();
        if (signInLockedUntil != null && now.isBefore(signInLockedUntil)) {
            return new SignInOutcome.LockedOut(signInLockedUntil);
        }
        int earlierFailures = lockout.failuresStillCounting(consecutiveSignInFailures, lastSignInFailureAt, now);
        if (passwords.matches(command.passwordAttemptId(), passwordHash)) {
            if (passwords.needsUpgrade(passwordHash)) {
                apply(new PasswordHashUpgraded(customerId, passwords.newHash(command.passwordAttemptId())));
            }
            return signedIn(SignInMechanism.PASSWORD, earlierFailures);
        }
        int failures = earlierFailures + 1;
        apply(new CustomerSignInFailed(customerId, failures));
        lockout.lockoutAfter(failures).ifPresent(
                duration -> apply(new CustomerLockedOut(customerId, Math.toIntExact(duration.toSeconds()))));
        return new SignInOutcome.Refused();
    }

    @CommandHandler
    SignInOutcome.SignedIn handle(SignInWithOidc command, SignInLockout lockout) {
        Instant now = GenericEventMessage.clock.instant();
        return signedIn(SignInMechanism.OIDC,
                lockout.failuresStillCounting(consecutiveSignInFailures, lastSignInFailureAt, now));
    }

    /**
     * Records that an identity at the single sign-on provider signs this customer in. The link itself is kept where
     * sign-ins look it up ({@code oidc_links}, one customer per identity, written by the sign-in before it sends this
     * command); the event is the customer's own record of it.
     */
    @CommandHandler
    void handle(LinkOidcIdentity command) {
        apply(new OidcIdentityLinked(customerId, command.issuer(), command.subject()));
    }

    @EventSourcingHandler
    void on(CustomerCreated event) {
        customerId = event.customerId();
    }

    /** A new password also ends a lockout: setting one is how the back office lets a locked-out customer back in. */
    @EventSourcingHandler
    void on(PasswordSet event, @SequenceNumber long sequence) {
        passwordHash = event.passwordHash();
        credentialVersion = sequence;
        forgetSignInFailures();
    }

    /** The same password hashed anew: the credential did not change, no token is revoked. */
    @EventSourcingHandler
    void on(PasswordHashUpgraded event) {
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(CustomerSignedIn event) {
        forgetSignInFailures();
    }

    @EventSourcingHandler
    void on(CustomerSignInFailed event, @Timestamp Instant at) {
        consecutiveSignInFailures = event.consecutiveFailures();
        lastSignInFailureAt = at;
    }

    @EventSourcingHandler
    void on(CustomerLockedOut event, @Timestamp Instant at) {
        signInLockedUntil = at.plusSeconds(event.lockoutSeconds());
    }

    private void forgetSignInFailures() {
        consecutiveSignInFailures = 0;
        lastSignInFailureAt = null;
        signInLockedUntil = null;
    }

    /**
     * A sign-in is recorded only when it ends a run of failures: every routine one would make the customer's stream,
     * which every command loads, grow with each visit, and make signing in a write.
     */
    private SignInOutcome.SignedIn signedIn(String mechanism, int earlierFailures) {
        if (earlierFailures > 0) {
            apply(new CustomerSignedIn(customerId, mechanism));
        }
        return new SignInOutcome.SignedIn(customerId, credentialVersion);
    }
}
