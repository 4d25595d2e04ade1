package dev.patron.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV into rows: fields separated by commas, optionally in double quotes, where a quoted field
 * may hold commas, line breaks and doubled quotes. Line breaks are LF, CRLF or a lone CR. Each row knows the
 * physical line it starts on (a quoted line break moves the next row down), so rejections can point at it.
 * Empty lines between rows are skipped rather than read as one-cell rows.
 */
final class CsvParser {

    /**
     * @param line    1-based physical line where the row starts
     * @param cells   the fields, unquoted
     * @param problem why the row is malformed (a stray character after a closing quote, a quote never closed),
     *                or null
     */
    record Row(long line, List<String> cells, String problem) {
    }

    private static final int END = -1;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int length;
    private int position;
    private long line = 1;

    CsvParser(Reader in) {
        this.in = in;
    }

    /** The next row, or null at the end of the input. */
    Row next() throws IOException {
        while (peek() == '\r' || peek() == '\n') {
            lineBreak(read());
        }
        if (peek() == END) {
            return null;
        }
        long start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String problem = null;
        while (true) {
            int c = read();
            if (c == '"' && cell.isEmpty()) {
                String closed = quoted(cell);
                if (closed != null) {
                    problem = problem == null ? closed : problem;
                }
                c = read();
                if (c != ',' && c != '\r' && c != '\n' && c != END) {
                    problem = problem == null ? "unexpected character after a closing quote" : problem;
                    // Keep the text, so the row still has its cells in place; the row is rejected anyway.
                    cell.append((char) c);
                    c = unquoted(cell);
                }
            } else if (c != ',' && c != '\r' && c != '\n' && c != END) {
                cell.append((char) c);
                c = unquoted(cell);
            }
            cells.add(cell.toString());
            cell.setLength(0);
            if (c != ',') {
                lineBreak(c);
                return new Row(start, List.copyOf(cells), problem);
            }
        }
    }

    /** Reads up to the end of an unquoted field; returns what ended it (comma, line break or END). */
    private int unquoted(StringBuilder cell) throws IOException {
        while (true) {
            int c = read();
            if (c == ',' || c == '\r' || c == '\n' || c == END) {
                return c;
            }
            // A quote inside an unquoted field is not RFC 4180, but taking it as text is what people mean.
            cell.append((char) c);
        }
    }

    /** Reads a quoted field after its opening quote, up to and with its closing quote; a problem, or null. */
    private String quoted(StringBuilder cell) throws IOException {
        while (true) {
            int c = read();
            if (c == END) {
                return "a quoted field is not closed before the end of the file";
            }
            if (c == '"') {
                if (peek() != '"') {
                    return null;
                }
                read();
            } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            cell.append((char) c);
        }
    }

    private void lineBreak(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        if (c == '\r' || c == '\n') {
            line++;
        }
    }

    private int read() throws IOException {
        int c = peek();
        if (c != END) {
            position++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (position == length) {
            length = in.read(buffer, 0, buffer.length);
            position = 0;
            if (length <= 0) {
                length = 0;
                return END;
            }
        }
        return buffer[position];
    }
}
