package dev.patron.command.customer;

import dev.patron.customfields.FieldValues;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes some of a customer's details: every {@code null} field stays as it is. {@code passwordHash} is an
 * Argon2id hash computed before dispatch or an imported hash in its storage form ({@link ImportedPasswordHash});
 * giving one sets or replaces the password. {@code customFields} are the custom field values the update sets (a
 * {@code null} value removes one); the others stay as they are.
 */
public record UpdateCustomer(
        @TargetAggregateIdentifier String customerId,
        String name,
        String email,
        String externalRef,
        String passwordHash,
        List<FieldValues.Change> customFields) {
}
