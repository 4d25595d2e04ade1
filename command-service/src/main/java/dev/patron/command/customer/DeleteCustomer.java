package dev.patron.command.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteCustomer(@TargetAggregateIdentifier String customerId) {
}
