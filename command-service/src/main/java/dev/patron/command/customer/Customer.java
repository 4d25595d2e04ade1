package dev.patron.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.patron.command.customer.login.LinkOidcIdentity;
import dev.patron.command.customer.login.PasswordAttempts;
import dev.patron.command.customer.login.SignInLockout;
import dev.patron.command.customer.login.SignInMechanism;
import dev.patron.command.customer.login.SignInOutcome;
import dev.patron.command.customer.login.SignInWithOidc;
import dev.patron.command.customer.login.SignInWithPassword;
import dev.patron.events.customer.CustomerCreated;
import dev.patron.events.customer.CustomerDeleted;
import dev.patron.events.customer.CustomerLockedOut;
import dev.patron.events.customer.CustomerSignInFailed;
import dev.patron.events.customer.CustomerSignedIn;
import dev.patron.events.customer.CustomerUpdated;
import dev.patron.events.customer.OidcIdentityLinked;
import dev.patron.events.customer.PasswordHashUpgraded;
import dev.patron.events.customer.PasswordSet;
import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import dev.patron.kit.security.CustomerToken;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A customer as a stream of events. Handlers answer with the resulting {@link CustomerState}, whose
 * {@code version} is the sequence number of the latest event, so the caller can wait for the read model to
 * reach it. Commands for an unknown or deleted customer never reach a handler: the repository refuses to load
 * such an aggregate ({@code AggregateNotFoundException}, {@code AggregateDeletedException}).
 * <p>
 * Snapshots are serialized field by field by the event store's encrypting serializer, hence the personal-data
 * markers on the fields: a snapshot must not keep what erasing the customer's data key destroys. The revision is
 * the snapshot's shape: a change of fields raises it, and older snapshots are then ignored, not misread.
 * <p>
 * Sign-in events ({@link CustomerSignedIn}, {@link CustomerSignInFailed}, {@link CustomerLockedOut},
 * {@link OidcIdentityLinked}, {@link PasswordHashUpgraded}) are no change to the customer resource: they move neither
 * {@code version}, which the read model must reach, nor {@code updatedAt}.
 */
@Aggregate(snapshotTriggerDefinition = "patronSnapshotTrigger")
@Revision("1")
public class Customer {

    /**
     * The PHC prefix of Patron's own Argon2id hashes. Anything else but an imported hash in its storage form may be a
     * plaintext password that slipped through.
     */
    private static final String ARGON2ID_PREFIX = "$argon2id$";

    @AggregateIdentifier
    @DataSubjectId
    private String customerId;
    @PersonalData
    private String name;
    @PersonalData
    private String email;
    @PersonalData
    private String externalRef;
    @PersonalData
    private String passwordHash;
    private Instant createdAt;
    private Instant updatedAt;
    private long version;
    /** Customer tokens carry it; a newer password revokes the tokens that carry an older one. */
    private long credentialVersion = CustomerToken.NO_PASSWORD_SET;
    private int consecutiveSignInFailures;
    private Instant lastSignInFailureAt;
    private Instant signInLockedUntil;

    /** For Axon: the creation handler below and event sourcing start from an empty customer. */
    protected Customer() {
    }

    /**
     * A creation handler in method form rather than a constructor: Axon answers a constructor handler with the
     * aggregate id only, while the caller needs the state and version the new stream ended at.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public CustomerState handle(CreateCustomer command) {
        requireText(command.customerId(), "customer id");
        requireText(command.name(), "name");
        requireText(command.email(), "email");
        requireHashOrNull(command.passwordHash());
        apply(new CustomerCreated(command.customerId(), command.name(), command.email(), command.externalRef()));
        if (command.passwordHash() != null) {
            apply(new PasswordSet(customerId, command.passwordHash()));
        }
        return state();
    }

    /** Records only what really changes, so a repeated update adds no events. */
    @CommandHandler
    public CustomerChange handle(UpdateCustomer command) {
        requireTextOrNull(command.name(), "name");
        requireTextOrNull(command.email(), "email");
        requireHashOrNull(command.passwordHash());
        CustomerState before = state();
        String newName = requestedOrCurrent(command.name(), name);
        String newEmail = requestedOrCurrent(command.email(), email);
        String newExternalRef = requestedOrCurrent(command.externalRef(), externalRef);
        if (!newName.equals(name) || !newEmail.equals(email) || !Objects.equals(newExternalRef, externalRef)) {
            apply(new CustomerUpdated(customerId, newName, newEmail, newExternalRef));
        }
        if (command.passwordHash() != null && !command.passwordHash().equals(passwordHash)) {
            apply(new PasswordSet(customerId, command.passwordHash()));
        }
        return new CustomerChange(before, state());
    }

    /** Answers with the customer as it was when deleted, so the caller can release what it held (its email). */
    @CommandHandler
    public CustomerState handle(DeleteCustomer command) {
        apply(new CustomerDeleted(customerId));
        return state();
    }

    /**
     * Checks the password only when the customer is not locked out, so that a lockout also stops an attacker from
     * learning whether a guess was right. Time comes from Axon's event clock, which also stamps the events. An
     * imported hash that the password matched is replaced by Patron's own hash of that password, now that it is
     * known, so that the next sign-in checks Argon2id.
     */
    @CommandHandler
    public SignInOutcome handle(SignInWithPassword command, PasswordAttempts passwords, SignInLockout lockout) {
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
    public void handle(LinkOidcIdentity command) {
        apply(new OidcIdentityLinked(customerId, command.issuer(), command.subject()));
    }

    @CommandHandler
    public SignInOutcome.SignedIn handle(SignInWithOidc command, SignInLockout lockout) {
        Instant now = GenericEventMessage.clock.instant();
        return signedIn(SignInMechanism.OIDC,
                lockout.failuresStillCounting(consecutiveSignInFailures, lastSignInFailureAt, now));
    }

    @EventSourcingHandler
    void on(CustomerCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        customerId = event.customerId();
        createdAt = at;
        applyDetails(event.name(), event.email(), event.externalRef());
        recordVersion(sequence, at);
    }

    @EventSourcingHandler
    void on(CustomerUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyDetails(event.name(), event.email(), event.externalRef());
        recordVersion(sequence, at);
    }

    /** A new password also ends a lockout: setting one is how the back office lets a locked-out customer back in. */
    @EventSourcingHandler
    void on(PasswordSet event, @SequenceNumber long sequence, @Timestamp Instant at) {
        passwordHash = event.passwordHash();
        credentialVersion = sequence;
        forgetSignInFailures();
        recordVersion(sequence, at);
    }

    /** The same password hashed anew: neither the customer resource nor the credential changed, no token is revoked. */
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

    @EventSourcingHandler
    void on(CustomerDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        recordVersion(sequence, at);
        markDeleted();
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

    private void applyDetails(String newName, String newEmail, String newExternalRef) {
        name = newName;
        email = newEmail;
        externalRef = newExternalRef;
    }

    private void recordVersion(long sequence, Instant at) {
        version = sequence;
        updatedAt = at;
    }

    private CustomerState state() {
        return new CustomerState(customerId, name, email, externalRef, passwordHash != null, createdAt, updatedAt,
                version);
    }

    private static String requestedOrCurrent(String requested, String current) {
        return requested != null ? requested : current;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A customer's " + field + " must not be blank");
        }
    }

    private static void requireTextOrNull(String value, String field) {
        if (value != null) {
            requireText(value, field);
        }
    }

    private static void requireHashOrNull(String passwordHash) {
        if (passwordHash != null && !passwordHash.startsWith(ARGON2ID_PREFIX)
                && !ImportedPasswordHash.isStorageForm(passwordHash)) {
            throw new IllegalArgumentException(
                    "A password must arrive as an Argon2id hash or as an imported hash in its storage form");
        }
    }
}
