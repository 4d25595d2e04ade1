package dev.patron.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    private static List<CsvParser.Row> rows(String csv) throws IOException {
        CsvParser parser = new CsvParser(new StringReader(csv));
        List<CsvParser.Row> rows = new ArrayList<>();
        for (CsvParser.Row row = parser.next(); row != null; row = parser.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void splitsPlainFieldsAndKeepsEmptyOnes() throws IOException {
        assertThat(rows("a,b,c\n1,,3\n,,\n"))
                .extracting(CsvParser.Row::cells)
                .containsExactly(List.of("a", "b", "c"), List.of("1", "", "3"), List.of("", "", ""));
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() throws IOException {
        List<CsvParser.Row> rows = rows("name,note\n\"Smith, Jo\",\"said \"\"hi\"\"\"\n\"two\nlines\",\"x\r\ny\"\nlast,row\n");

        assertThat(rows).extracting(CsvParser.Row::cells).containsExactly(
                List.of("name", "note"),
                List.of("Smith, Jo", "said \"hi\""),
                List.of("two\nlines", "x\r\ny"),
                List.of("last", "row"));
        // The row after two quoted line breaks (one LF, one CRLF) starts two physical lines further down.
        assertThat(rows).extracting(CsvParser.Row::line).containsExactly(1L, 2L, 3L, 6L);
        assertThat(rows).allSatisfy(row -> assertThat(row.problem()).isNull());
    }

    @Test
    void takesCrlfLfAndLoneCrAsLineBreaksAndALastLineWithoutOne() throws IOException {
        assertThat(rows("a,b\r\n1,2\r3,4\n5,6"))
                .extracting(CsvParser.Row::line, CsvParser.Row::cells)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, List.of("a", "b")),
                        org.assertj.core.groups.Tuple.tuple(2L, List.of("1", "2")),
                        org.assertj.core.groups.Tuple.tuple(3L, List.of("3", "4")),
                        org.assertj.core.groups.Tuple.tuple(4L, List.of("5", "6")));
    }

    @Test
    void skipsBlankLinesButCountsThem() throws IOException {
        assertThat(rows("a,b\n\n1,2\r\n\r\n\n3,4\n\n"))
                .extracting(CsvParser.Row::line, CsvParser.Row::cells)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, List.of("a", "b")),
                        org.assertj.core.groups.Tuple.tuple(3L, List.of("1", "2")),
                        org.assertj.core.groups.Tuple.tuple(6L, List.of("3", "4")));
    }

    @Test
    void anEmptyQuotedFieldIsARowNotABlankLine() throws IOException {
        assertThat(rows("a\n\"\"\n")).extracting(CsvParser.Row::cells)
                .containsExactly(List.of("a"), List.of(""));
    }

    @Test
    void tellsWhatIsMalformed() throws IOException {
        List<CsvParser.Row> rows = rows("a,b\n\"x\"y,2\nok,3\n\"never closed,4\n");

        assertThat(rows.get(1).problem()).isEqualTo("unexpected character after a closing quote");
        assertThat(rows.get(1).cells()).hasSize(2);
        assertThat(rows.get(2).problem()).isNull();
        assertThat(rows.get(3).problem()).isEqualTo("a quoted field is not closed before the end of the file");
        assertThat(rows.get(3).line()).isEqualTo(4);
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() throws IOException {
        assertThat(rows("5\" disk,b\n")).extracting(CsvParser.Row::cells).containsExactly(List.of("5\" disk", "b"));
    }
}
