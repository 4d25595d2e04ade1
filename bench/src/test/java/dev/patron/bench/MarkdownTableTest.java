package dev.patron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void columnsArePaddedToTheirWidestCell() {
        String table = new MarkdownTable("clients", "creates/s", "process")
                .row(1, "23.4", "command-service")
                .row(8, "1,234", "gateway")
                .render();
        assertEquals("""
                | clients | creates/s | process         |
                | ------- | --------- | --------------- |
                | 1       | 23.4      | command-service |
                | 8       | 1,234     | gateway         |
                """, table);
    }

    @Test
    void pipesInCellsAreEscapedAndShortHeadersGetAValidSeparator() {
        String table = new MarkdownTable("a").row("x|y").render();
        assertEquals("""
                | a    |
                | ---- |
                | x\\|y |
                """, table);
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        assertThrows(IllegalArgumentException.class, () -> new MarkdownTable("a", "b").row("only one"));
    }

    @Test
    void numbersAreFormattedForReading() {
        assertEquals("12,346", MarkdownTable.rate(12_345.6));
        assertEquals("47.3", MarkdownTable.rate(47.26));
        assertEquals("3.14", MarkdownTable.amount(3.14159));
        assertEquals("87.3", MarkdownTable.amount(87.26));
        assertEquals("1,536", MarkdownTable.amount(1535.8));
        assertEquals("0.0157", MarkdownTable.ratio(0.015678));
        assertEquals("0.640", MarkdownTable.ratio(0.64));
        assertEquals("100,000", MarkdownTable.count(100_000));
    }
}
