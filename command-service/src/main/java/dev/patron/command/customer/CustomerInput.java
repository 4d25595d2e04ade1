package dev.patron.command.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.CustomerResource;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import dev.patron.contract.Validation;
import dev.patron.customfields.FieldRecord;
import dev.patron.customfields.FieldValues;
import java.util.List;
import java.util.function.Function;

/**
 * The customer fields of a create or update request, checked, with the password already hashed: the plaintext
 * lives only for the duration of {@link #read}, and is in no field of any object.
 * On update every field is optional and {@code null} means "leave as is". {@code customFields} are the values of the
 * store's custom fields the request sets, checked against the fields in force ({@link FieldValues#read}).
 */
public record CustomerInput(String name, String email, String externalRef, String passwordHash,
                            List<FieldValues.Change> customFields) {

    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 128;
    static final TextRule NAME = TextRule.line(255);
    /** The contract's bound. */
    static final TextRule EXTERNAL_REF = TextRule.line(2048);
    static final TextRule PASSWORD = TextRule.secret(MAX_PASSWORD_LENGTH);
    /** Far above the longest hash of any accepted format (a PBKDF2 one of some 100 characters). */
    static final TextRule IMPORTED_HASH = TextRule.secret(512);
    static final String PASSWORD_HASH = "password_hash";

    enum Purpose { CREATE, UPDATE }

    /**
     * @param hashPassword turns an accepted plaintext password into its hash
     * @param customFields the customer fields in force
     * @throws dev.patron.contract.ApiException 400 for a body of the wrong shape or field types, 422 for values
     *                                         that break a rule
     */
    static CustomerInput read(JsonNode body, Purpose purpose, Function<String, String> hashPassword,
                              List<FieldRecord> customFields) {
        RequestDocument document = RequestDocument.read(body, CustomerResource.TYPE);
        String password = document.text("password", PASSWORD);
        CustomerInput details = readDetails(document, purpose == Purpose.CREATE, customFields, Validation.of(document)
                .check(password == null || hasAcceptableLength(password), document.sourceOf("password"),
                        "password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters"));
        return details.withPasswordHash(password == null ? null : hashPassword.apply(password));
    }

    /**
     * A customer brought over from another platform (a bulk import): the same fields and rules as a sign-up, but a
     * password only as the hash the old platform made ({@code password_hash}, see {@link ImportedPasswordHash}),
     * never as plaintext.
     */
    public static CustomerInput readImported(RequestDocument document, List<FieldRecord> customFields) {
        String hash = document.text(PASSWORD_HASH, IMPORTED_HASH);
        ImportedPasswordHash.Outcome imported = hash == null ? null : ImportedPasswordHash.check(hash);
        CustomerInput details = readDetails(document, true, customFields, Validation.of(document)
                .check(!document.has("password"), document.sourceOf("password"), ImportedPasswordHash.NOT_A_HASH)
                .check(!(imported instanceof ImportedPasswordHash.Refused), document.sourceOf(PASSWORD_HASH),
                        imported instanceof ImportedPasswordHash.Refused refused ? refused.reason() : null));
        return details.withPasswordHash(
                imported instanceof ImportedPasswordHash.Accepted accepted ? accepted.storageForm() : null);
    }

    private static CustomerInput readDetails(RequestDocument document, boolean creating,
                                             List<FieldRecord> customFields, Validation validation) {
        String name = document.text("name", NAME);
        String email = document.text("email", EmailAddresses.TEXT);
        String externalRef = document.text("external_ref", EXTERNAL_REF);
        List<FieldValues.Change> values = FieldValues.read(document, customFields, creating, validation);
        document.requireWellFormed();
        validation
                .check(!creating || name != null, document.sourceOf("name"), "name is required")
                .check(name == null || !name.isBlank(), document.sourceOf("name"), "name must not be blank")
                .check(!creating || email != null, document.sourceOf("email"), "email is required")
                .check(email == null || EmailAddresses.isValid(email), document.sourceOf("email"),
                        "email must be a valid email address")
                .throwIfInvalid();
        return new CustomerInput(name, email, externalRef, null, values);
    }

    private CustomerInput withPasswordHash(String hash) {
        return new CustomerInput(name, email, externalRef, hash, customFields);
    }

    private static boolean hasAcceptableLength(String password) {
        int length = password.codePointCount(0, password.length());
        return length >= MIN_PASSWORD_LENGTH && length <= MAX_PASSWORD_LENGTH;
    }
}
