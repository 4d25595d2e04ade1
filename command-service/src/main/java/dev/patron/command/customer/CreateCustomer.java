package dev.patron.command.customer;

import dev.patron.customfields.FieldValues;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a customer. {@code passwordHash} is an Argon2id hash computed before dispatch, an imported hash in its
 * storage form ({@link ImportedPasswordHash}), or {@code null} for a customer without a password; {@code externalRef}
 * is optional; {@code customFields} are the custom field values given, already checked against the definitions.
 */
public record CreateCustomer(
        @TargetAggregateIdentifier String customerId,
        String name,
        String email,
        String externalRef,
        String passwordHash,
        List<FieldValues.Change> customFields) {
}
