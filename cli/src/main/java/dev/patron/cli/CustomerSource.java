package dev.patron.cli;

import java.io.Closeable;
import java.io.IOException;

/** Reads customers from a file one at a time, in file order, so that a file of any size fits in memory. */
interface CustomerSource extends Closeable {

    /** The next customer, or null at the end of the file. */
    SourceRecord next() throws IOException;

    /** Counts what {@link #next()} would return, without building the customers: for the progress total. */
    static long count(InputFormat format, java.nio.file.Path file) throws IOException, UsageException {
        return switch (format) {
            case JSON_LINES -> JsonLinesReader.count(file);
            case CSV -> CsvCustomerReader.count(file);
        };
    }
}
