package dev.patron.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The file's format, told by its extension. */
enum InputFormat {
    JSON_LINES,
    CSV;

    static InputFormat of(Path file) throws UsageException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSON_LINES;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        throw new UsageException("cannot tell the format of " + file
                + ": give a .jsonl or .ndjson file (one JSON object a line) or a .csv file (with a header row)");
    }

    CustomerSource open(Path file) throws IOException, UsageException {
        return switch (this) {
            case JSON_LINES -> new JsonLinesReader(file);
            case CSV -> new CsvCustomerReader(file);
        };
    }
}
