package dev.patron.cli;

import java.util.List;

/**
 * Consecutive customers of the file, sent in one request. Customers rejected locally travel with their batch
 * (and are not sent), so that the batch's place in the file is one unbroken range, and a batch that is not
 * acknowledged leaves nothing of its range in the report or the counts.
 *
 * @param number        0, 1, 2, ... in file order
 * @param firstPosition how many customers of the file come before this batch
 * @param lines         every customer of the range, in file order
 * @param sent          the customers that are sent, in the order of the request's {@code data}
 * @param body          the request body, {@code {"data":[...]}}
 */
record Batch(long number, long firstPosition, List<CustomerLine> lines, List<CustomerLine> sent, byte[] body) {

    long endPosition() {
        return firstPosition + lines.size();
    }

    long firstLine() {
        return lines.get(0).line();
    }

    long lastLine() {
        return lines.get(lines.size() - 1).line();
    }
}
