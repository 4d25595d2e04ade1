package dev.patron.command.customer.login;

import dev.patron.command.customer.EmailClaims;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Service;

/**
 * Email and password to a signed-in customer, or a refusal that looks the same and costs the same whether the address
 * is unknown, its customer deleted or without a password, or the password wrong:
 * <ol>
 *   <li>the address's failures, and its source's, are looked up ({@link SignInFailures}, by address, before anything
 *       tells whether a customer holds it): a lockout is refused right there, with nothing more done or written;</li>
 *   <li>the attempt is counted as a failure before its password is looked at (given back if the password was
 *       right), so that guesses sent together cannot all be checked;</li>
 *   <li>the sign-in command goes to the customer holding the address, or, when none does, to an id no customer has,
 *       whose loading costs what loading a customer costs and finds nothing;</li>
 *   <li>one Argon2id hash is compared: the customer's, or one of no real password.</li>
 * </ol>
 * (A customer whose imported hash is not yet upgraded is compared with that hash, which takes what its algorithm
 * takes.) Nothing about a refusal is written to the customer's events: a write only for customers would tell them
 * apart, and anyone could grow a customer's stream with wrong passwords.
 */
@Service
public class PasswordSignIn {

    private final EmailClaims emailClaims;
    private final PasswordAttempts passwordAttempts;
    private final SignInFailures failures;
    private final SignInCommands commands;

    PasswordSignIn(EmailClaims emailClaims, PasswordAttempts passwordAttempts, SignInFailures failures,
                   SignInCommands commands) {
        this.emailClaims = emailClaims;
        this.passwordAttempts = passwordAttempts;
        this.failures = failures;
        this.commands = commands;
    }

    /** Time from Axon's event clock, which the tests move, as for every lockout Patron has had. */
    public SignInOutcome signIn(String email, String password, SignInSource source) {
        Instant now = GenericEventMessage.clock.instant();
        SignInFailures.Attempt attempt = failures.find(email, source, now);
        Optional<Instant> lockedUntil = attempt.lockedUntil();
        if (lockedUntil.isEmpty()) {
            lockedUntil = failures.reserve(attempt);
        }
        if (lockedUntil.isPresent()) {
            return new SignInOutcome.LockedOut(lockedUntil.get());
        }
        String customerId = emailClaims.holder(email).orElseGet(() -> UUID.randomUUID().toString());
        SignInOutcome outcome = passwordAttempts.during(password, attemptId -> commands
                .<SignInOutcome>send(new SignInWithPassword(customerId, attemptId))
                .orElseGet(() -> refusedWithoutCustomer(attemptId)));
        if (outcome instanceof SignInOutcome.SignedIn) {
            failures.succeeded(attempt);
        }
        return outcome;
    }

    /**
     * No customer (yet, or any more) holds the address: a hash of no password is compared all the same, for its
     * time.
     */
    private SignInOutcome refusedWithoutCustomer(String attemptId) {
        passwordAttempts.matches(attemptId, null);
        return new SignInOutcome.Refused();
    }
}
