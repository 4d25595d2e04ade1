package dev.patron.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups customers into batches of at most {@code batchSize} customers whose request body stays within the
 * server's limit. Each item is serialised once, when it is added, so the size is known exactly.
 */
final class BatchBuilder {

    /** The bulk endpoint takes a body of at most 4 MiB. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final byte[] OPEN = "{\"data\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;
    private final int batchSize;
    private final int maxBodyBytes;
    private long nextNumber;
    private long nextPosition;

    private List<CustomerLine> lines = new ArrayList<>();
    private List<CustomerLine> sent = new ArrayList<>();
    private ByteArrayOutputStream body = newBody();

    BatchBuilder(ObjectMapper json, int batchSize, long firstPosition) {
        this(json, batchSize, firstPosition, MAX_BODY_BYTES);
    }

    BatchBuilder(ObjectMapper json, int batchSize, long firstPosition, int maxBodyBytes) {
        this.json = json;
        this.batchSize = batchSize;
        this.nextPosition = firstPosition;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Adds the next customer of the file; returns the batches this completes (none, one, or rarely two). */
    List<Batch> add(CustomerLine line) {
        List<Batch> complete = new ArrayList<>(1);
        byte[] item = null;
        if (!line.rejectedLocally()) {
            item = serialise(line);
            if (OPEN.length + item.length + CLOSE.length > maxBodyBytes) {
                line = new CustomerLine(line.line(), line.email(), null, List.of(
                        "the customer takes " + item.length + " bytes, more than a request may hold ("
                                + maxBodyBytes + " bytes)"));
                item = null;
            } else if (!sent.isEmpty() && body.size() + 1 + item.length + CLOSE.length > maxBodyBytes) {
                complete.add(close());
            }
        }
        lines.add(line);
        if (item != null) {
            if (!sent.isEmpty()) {
                body.write(',');
            }
            body.writeBytes(item);
            sent.add(line);
        }
        if (lines.size() == batchSize) {
            complete.add(close());
        }
        return complete;
    }

    /** The last, partly filled batch, or null when there is none. */
    Batch finish() {
        return lines.isEmpty() ? null : close();
    }

    private Batch close() {
        body.writeBytes(CLOSE);
        Batch batch = new Batch(nextNumber++, nextPosition, List.copyOf(lines), List.copyOf(sent),
                body.toByteArray());
        nextPosition += lines.size();
        lines = new ArrayList<>();
        sent = new ArrayList<>();
        body = newBody();
        return batch;
    }

    private byte[] serialise(CustomerLine line) {
        try {
            return json.writeValueAsBytes(line.item());
        } catch (JsonProcessingException cannotHappen) {
            // A tree that was just read from JSON or built from strings always writes.
            throw new IllegalStateException(cannotHappen);
        }
    }

    private static ByteArrayOutputStream newBody() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        body.writeBytes(OPEN);
        return body;
    }
}
