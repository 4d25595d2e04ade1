package dev.patron.command.customer.login;

import dev.patron.command.customer.EmailClaims;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Service;

/**
 * Email and password to a signed-in customer, or a refusal that looks the same and takes as long whether the
 * address is unknown, its customer deleted or without a password, or the password wrong: every path compares one
 * Argon2id hash and counts one failure against the address. (A customer whose imported hash is not yet upgraded is
 * compared with that hash, which takes what its algorithm takes.)
 */
@Service
public class PasswordSignIn {

    private final EmailClaims emailClaims;
    private final PasswordAttempts passwordAttempts;
    private final UnknownEmailSignIns unknownEmails;
    private final SignInCommands commands;

    PasswordSignIn(EmailClaims emailClaims, PasswordAttempts passwordAttempts, UnknownEmailSignIns unknownEmails,
                   SignInCommands commands) {
        this.emailClaims = emailClaims;
        this.passwordAttempts = passwordAttempts;
        this.unknownEmails = unknownEmails;
        this.commands = commands;
    }

    public SignInOutcome signIn(String email, String password) {
        Optional<String> holder = emailClaims.holder(email);
        return passwordAttempts.during(password, attemptId -> holder
                .flatMap(customerId -> commands.<SignInOutcome>send(new SignInWithPassword(customerId, attemptId)))
                .orElseGet(() -> signInWithUnknownEmail(email, attemptId)));
    }

    /** Time from Axon's event clock, as in the Customer aggregate, so both kinds of lockout run on one clock. */
    private SignInOutcome signInWithUnknownEmail(String email, String attemptId) {
        Instant now = GenericEventMessage.clock.instant();
        Optional<Instant> lockedUntil = unknownEmails.lockedUntil(email, now);
        if (lockedUntil.isPresent()) {
            return new SignInOutcome.LockedOut(lockedUntil.get());
        }
        // Nothing to compare with; the comparison is made all the same, for its time.
        passwordAttempts.matches(attemptId, null);
        unknownEmails.recordFailure(email, now);
        return new SignInOutcome.Refused();
    }
}
