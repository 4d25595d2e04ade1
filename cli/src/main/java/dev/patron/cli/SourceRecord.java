package dev.patron.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One customer as a reader found it, before the checks that need the whole file (duplicate emails): either the
 * customer as it will be sent, or why the line cannot be read.
 *
 * @param line       1-based physical line where the customer starts
 * @param customer   the item to send ({@code "type":"customer"} added), null when unreadable
 * @param unreadable why the line cannot be read, null when it could
 * @param email      the email found on the line, if any, for the report and the duplicate check
 */
record SourceRecord(long line, ObjectNode customer, String unreadable, String email) {

    static SourceRecord read(long line, ObjectNode customer) {
        var email = customer.get("email");
        return new SourceRecord(line, customer, null, email != null && email.isTextual() ? email.asText() : null);
    }

    static SourceRecord unreadable(long line, String why, String email) {
        return new SourceRecord(line, null, why, email);
    }
}
