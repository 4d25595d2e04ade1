package dev.patron.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an input file as UTF-8 text, without its byte order mark if it has one (spreadsheets often write one). */
final class Utf8Files {

    private static final int BOM = '\uFEFF';

    private Utf8Files() {
    }

    static BufferedReader open(Path file) throws IOException {
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
        reader.mark(1);
        if (reader.read() != BOM) {
            reader.reset();
        }
        return reader;
    }
}
