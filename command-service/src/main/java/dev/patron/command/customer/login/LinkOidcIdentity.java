package dev.patron.command.customer.login;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lets the customer sign in as this OpenID Connect identity ({@code iss} and {@code sub} of its ID tokens). */
public record LinkOidcIdentity(
        @TargetAggregateIdentifier String customerId,
        String issuer,
        String subject) {
}
