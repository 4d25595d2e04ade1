package dev.patron.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code <state dir>/<file name>.rejected.jsonl}: one line {@code {"line":N,"email":"..","errors":[..]}} per
 * rejected customer, whether rejected here or by the server. It holds the line number and the email only, so it
 * can be shared without giving away password hashes or other customer data.
 */
final class RejectionReport implements Closeable {

    private final Path path;
    private final ObjectMapper json;
    private final BufferedWriter out;

    /** Starts the report afresh for a new run, or appends to it for a resumed one. */
    RejectionReport(Path path, boolean append, ObjectMapper json) throws IOException {
        this.path = path;
        this.json = json;
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    }

    static Path pathFor(Path stateDir, Path input) {
        return stateDir.resolve(input.getFileName() + ".rejected.jsonl");
    }

    Path path() {
        return path;
    }

    void add(BatchTally.Rejection rejection) throws IOException {
        ObjectNode entry = json.createObjectNode();
        entry.put("line", rejection.line());
        entry.put("email", rejection.email());
        rejection.errors().forEach(entry.putArray("errors")::add);
        out.write(json.writeValueAsString(entry));
        out.write('\n');
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
