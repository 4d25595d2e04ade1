package dev.patron.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a customer CSV: a header row, then one customer a row. Empty cells are absent values, and an address
 * group whose cells are all empty is no address. A row with a plaintext {@code password} is handed on with the
 * {@code password} key (and never its value) so that {@link LocalChecks} rejects it as for JSON lines.
 */
final class CsvCustomerReader implements CustomerSource {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final BufferedReader reader;
    private final CsvParser parser;
    private final CsvColumns columns;

    CsvCustomerReader(Path file) throws IOException, UsageException {
        this.reader = Utf8Files.open(file);
        this.parser = new CsvParser(reader);
        CsvParser.Row header = parser.next();
        try {
            this.columns = header == null ? null : CsvColumns.of(header);
        } catch (UsageException badHeader) {
            reader.close();
            throw badHeader;
        }
    }

    static long count(Path file) throws IOException, UsageException {
        try (CsvCustomerReader csv = new CsvCustomerReader(file)) {
            long rows = 0;
            if (csv.columns != null) {
                while (csv.parser.next() != null) {
                    rows++;
                }
            }
            return rows;
        }
    }

    @Override
    public SourceRecord next() throws IOException {
        if (columns == null) {
            return null; // an empty file: no header, no customers
        }
        CsvParser.Row row = parser.next();
        if (row == null) {
            return null;
        }
        List<String> cells = row.cells();
        if (row.problem() != null) {
            return SourceRecord.unreadable(row.line(), "malformed CSV: " + row.problem(), columns.email(cells));
        }
        if (cells.size() != columns.width()) {
            return SourceRecord.unreadable(row.line(), "the row has " + cells.size() + " cells, the header has "
                    + columns.width(), columns.email(cells));
        }
        return SourceRecord.read(row.line(), customer(cells));
    }

    private ObjectNode customer(List<String> cells) {
        ObjectNode customer = NODES.objectNode();
        customer.put("type", "customer");
        putPresent(customer, columns.customerFields(), cells);
        if (columns.hasPassword(cells)) {
            customer.put(CsvColumns.PASSWORD, true); // the fact, not the password: LocalChecks refuses the row
        }
        ArrayNode addresses = NODES.arrayNode();
        for (CsvColumns.AddressGroup group : columns.addressGroups()) {
            ObjectNode address = NODES.objectNode();
            address.put("type", "address");
            if (putPresent(address, group.fields(), cells)) {
                addresses.add(address);
            }
        }
        if (!addresses.isEmpty()) {
            customer.set("addresses", addresses);
        }
        return customer;
    }

    /** Puts the non-empty cells; true when there was one. */
    private static boolean putPresent(ObjectNode target, List<CsvColumns.Field> fields, List<String> cells) {
        boolean any = false;
        for (CsvColumns.Field field : fields) {
            String value = cells.get(field.index());
            if (!value.isEmpty()) {
                target.put(field.name(), value);
                any = true;
            }
        }
        return any;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
