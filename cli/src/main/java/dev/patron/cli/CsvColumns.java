package dev.patron.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each column of a customer CSV holds, from its header: a customer field ({@code name}, {@code email},
 * {@code external_ref}, {@code password_hash}, or any other name, passed on as it is), or a field of the n-th
 * address ({@code address_<n>_<field>}).
 */
final class CsvColumns {

    /** A customer field in column {@code index}. */
    record Field(int index, String name) {
    }

    /** The columns of one address, in header order. */
    record AddressGroup(int number, List<Field> fields) {
    }

    static final String PASSWORD = "password";
    private static final Pattern ADDRESS_COLUMN = Pattern.compile("address_(\\d+)_(.+)");

    private final int width;
    private final List<Field> customerFields;
    private final List<AddressGroup> addressGroups;
    private final int emailIndex;
    private final int passwordIndex;

    private CsvColumns(int width, List<Field> customerFields, List<AddressGroup> addressGroups, int emailIndex,
            int passwordIndex) {
        this.width = width;
        this.customerFields = customerFields;
        this.addressGroups = addressGroups;
        this.emailIndex = emailIndex;
        this.passwordIndex = passwordIndex;
    }

    static CsvColumns of(CsvParser.Row header) throws UsageException {
        if (header.problem() != null) {
            throw new UsageException("the header row of the CSV file cannot be read: " + header.problem());
        }
        List<Field> customerFields = new ArrayList<>();
        TreeMap<Integer, List<Field>> addresses = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        int emailIndex = -1;
        int passwordIndex = -1;
        List<String> names = header.cells();
        for (int i = 0; i < names.size(); i++) {
            // Spreadsheets write "Email " or "EMAIL" as readily as "email".
            String name = names.get(i).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue; // a trailing comma in the header: a column with no name has nothing to say
            }
            if (!seen.add(name)) {
                throw new UsageException("the CSV header names the column " + name + " twice");
            }
            Matcher address = ADDRESS_COLUMN.matcher(name);
            if (address.matches()) {
                addresses.computeIfAbsent(Integer.parseInt(address.group(1)), n -> new ArrayList<>())
                        .add(new Field(i, address.group(2)));
                continue;
            }
            if (name.equals("email")) {
                emailIndex = i;
            } else if (name.equals(PASSWORD)) {
                passwordIndex = i;
                continue; // never sent: a row with a password is rejected
            }
            customerFields.add(new Field(i, name));
        }
        List<AddressGroup> groups = new ArrayList<>();
        addresses.forEach((number, fields) -> groups.add(new AddressGroup(number, List.copyOf(fields))));
        return new CsvColumns(names.size(), List.copyOf(customerFields), List.copyOf(groups), emailIndex,
                passwordIndex);
    }

    int width() {
        return width;
    }

    List<Field> customerFields() {
        return customerFields;
    }

    List<AddressGroup> addressGroups() {
        return addressGroups;
    }

    /** The email cell of a row, if the header has one and the row reaches it. */
    String email(List<String> cells) {
        return emailIndex >= 0 && emailIndex < cells.size() && !cells.get(emailIndex).isEmpty()
                ? cells.get(emailIndex) : null;
    }

    boolean hasPassword(List<String> cells) {
        return passwordIndex >= 0 && passwordIndex < cells.size() && !cells.get(passwordIndex).isEmpty();
    }
}
