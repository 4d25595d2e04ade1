package dev.patron.command.customer.login;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Signs the customer in if the password of attempt {@code passwordAttemptId} matches theirs. The command carries
 * only the id under which {@link PasswordAttempts} holds the password in memory, never the password.
 */
public record SignInWithPassword(
        @TargetAggregateIdentifier String customerId,
        String passwordAttemptId) {
}
