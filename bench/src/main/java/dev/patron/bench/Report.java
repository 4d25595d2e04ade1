package dev.patron.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the run measured: Markdown on stdout as each phase ends (so a long run shows its results as it goes), and
 * every result in one JSON file at the end, for comparing runs with a script.
 */
final class Report {

    private final PrintStream out;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    Report(PrintStream out) {
        this.out = out;
    }

    /** A result for the JSON file, under its phase's name; records are written field by field. */
    void put(String key, Object value) {
        results.put(key, value);
    }

    void heading(String title) {
        out.println();
        out.println("## " + title);
        out.println();
    }

    void table(String caption, MarkdownTable table) {
        out.println(caption);
        out.println();
        out.print(table.render());
        out.println();
    }

    void line(String text) {
        out.println(text);
    }

    void write(Path file) throws IOException {
        json.writeValue(file.toFile(), results);
    }
}
