package dev.patron.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.patron.command.customer.login.LinkOidcIdentity;
import dev.patron.command.customer.login.PasswordAttempts;
import dev.patron.command.customer.login.SignInOutcome;
import dev.patron.command.customer.login.SignInWithOidc;
import dev.patron.command.customer.login.SignInWithPassword;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.OidcIdentityLinked;
import dev.patron.events.customer.PasswordHashUpgraded;
import dev.patron.events.customer.PasswordSet;
import dev.patron.events.privacy.PersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * A customer's credentials, an entity of the {@link Customer} aggregate: the password hash and its credential
 * version. It decides sign-ins, by password and by single sign-on, records links to single sign-on identities, and
 * replaces an imported hash by Patron's own once a sign-in has proved its password. Failed sign-ins and lockouts are
 * not its business: they are counted by email address and source before a sign-in reaches a customer
 * ({@code SignInFailures}), alike for addresses no customer holds. (Streams written before that may still hold
 * {@code CustomerSignInFailed}, {@code CustomerLockedOut} and {@code CustomerSignedIn}, which change nothing here.)
 * Axon hands it the sign-in and link commands and every event of the customer; the root has it set the password in
 * its create and update handlers, which also change the customer's details.
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
     * Compares the attempt's password with the hash; a refusal records nothing. An imported hash that the password
     * matched is replaced by Patron's own hash of that password, now that it is known, so that the next sign-in checks
     * Argon2id.
     */
    @CommandHandler
    SignInOutcome handle(SignInWithPassword command, PasswordAttempts passwords) {
        if (!passwords.matches(command.passwordAttemptId(), passwordHash)) {
            return new SignInOutcome.Refused();
        }
        if (passwords.needsUpgrade(passwordHash)) {
            apply(new PasswordHashUpgraded(customerId, passwords.newHash(command.passwordAttemptId())));
        }
        return signedIn();
    }

    /** The identity provider has vouched for the customer; that the customer exists is all there is to check. */
    @CommandHandler
    SignInOutcome.SignedIn handle(SignInWithOidc command) {
        return signedIn();
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

    @EventSourcingHandler
    void on(PasswordSet event, @SequenceNumber long sequence) {
        passwordHash = event.passwordHash();
        credentialVersion = sequence;
    }

    /** The same password hashed anew: the credential did not change, no token is revoked. */
    @EventSourcingHandler
    void on(PasswordHashUpgraded event) {
        passwordHash = event.passwordHash();
    }

    private SignInOutcome.SignedIn signedIn() {
        return new SignInOutcome.SignedIn(customerId, credentialVersion);
    }
}
