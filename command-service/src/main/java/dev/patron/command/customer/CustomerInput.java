package dev.patron.command.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.kit.web.CustomerResource;
import dev.patron.kit.web.RequestDocument;
import dev.patron.kit.web.Validation;
import java.util.function.Function;

/**
 * The customer fields of a create or update request, checked, with the password already hashed: the plaintext
 * lives only for the duration of {@link #read}, and is in no field of any object.
 * On update every field is optional and {@code null} means "leave as is".
 */
record CustomerInput(String name, String email, String externalRef, String passwordHash) {

    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 128;
    static final int MAX_EXTERNAL_REF_LENGTH = 2048;

    enum Purpose { CREATE, UPDATE }

    /**
     * @param hashPassword turns an accepted plaintext password into its hash
     * @throws dev.patron.kit.web.ApiException 400 for a body of the wrong shape or field types, 422 for values
     *                                         that break a rule
     */
    static CustomerInput read(JsonNode body, Purpose purpose, Function<String, String> hashPassword) {
        RequestDocument document = RequestDocument.read(body, CustomerResource.TYPE);
        String name = document.text("name");
        String email = document.text("email");
        String externalRef = document.text("external_ref");
        String password = document.text("password");
        document.requireWellFormed();

        boolean creating = purpose == Purpose.CREATE;
        new Validation()
                .check(!creating || name != null, source("name"), "name is required")
                .check(name == null || !name.isBlank(), source("name"), "name must not be blank")
                .check(!creating || email != null, source("email"), "email is required")
                .check(email == null || EmailAddresses.isValid(email), source("email"),
                        "email must be a valid email address")
                .check(externalRef == null || externalRef.length() <= MAX_EXTERNAL_REF_LENGTH, source("external_ref"),
                        "external_ref must be at most " + MAX_EXTERNAL_REF_LENGTH + " characters")
                .check(password == null || hasAcceptableLength(password), source("password"),
                        "password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters")
                .throwIfInvalid();
        return new CustomerInput(name, email, externalRef, password == null ? null : hashPassword.apply(password));
    }

    private static boolean hasAcceptableLength(String password) {
        int length = password.codePointCount(0, password.length());
        return length >= MIN_PASSWORD_LENGTH && length <= MAX_PASSWORD_LENGTH;
    }

    private static String source(String field) {
        return RequestDocument.source(field);
    }
}
