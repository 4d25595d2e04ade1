package dev.patron.command.customer.login;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Signs in a customer whose linked identity provider has just vouched for them. */
public record SignInWithOidc(@TargetAggregateIdentifier String customerId) {
}
