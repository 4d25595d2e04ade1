package dev.patron.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown table whose columns are padded to a common width, so that it reads as well in a terminal as where
 * Markdown is rendered. Also the number formats every table uses, so that figures look the same everywhere.
 */
final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of "
                    + header.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(cell -> String.valueOf(cell).replace("|", "\\|")).toList());
        return this;
    }

    String render() {
        int[] widths = new int[header.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = Math.max(3, header.get(column).length());
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder table = new StringBuilder();
        appendLine(table, header, widths);
        appendLine(table, Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths);
        rows.forEach(row -> appendLine(table, row, widths));
        return table.toString();
    }

    private static void appendLine(StringBuilder table, List<String> cells, int[] widths) {
        table.append('|');
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            table.append(' ').append(cell).append(" ".repeat(widths[column] - cell.length())).append(" |");
        }
        table.append('\n');
    }

    /** Calls, customers or operations per second: whole numbers from 100 up, else one decimal. */
    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** Milliseconds, seconds or MiB: two decimals below 10, one up to 1,000, whole numbers beyond. */
    static String amount(double value) {
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    /** A ratio of two rates, to three significant digits, since it can be far below one. */
    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
