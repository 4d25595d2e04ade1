package dev.patron.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One customer of the file after the local checks: either an item to send, or the reasons it is rejected here
 * and never sent.
 *
 * @param line        1-based physical line where the customer starts
 * @param email       the email as written on the line, or null
 * @param item        what is sent, or null when rejected locally
 * @param localErrors why it is rejected locally; empty when it is sent
 */
record CustomerLine(long line, String email, ObjectNode item, List<String> localErrors) {

    boolean rejectedLocally() {
        return item == null;
    }
}
