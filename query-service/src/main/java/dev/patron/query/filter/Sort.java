package dev.patron.query.filter;

import com.mongodb.client.model.Sorts;
import dev.patron.contract.ApiException;
import java.util.List;
import java.util.stream.Collectors;
import org.bson.conversions.Bson;
import org.springframework.http.HttpStatus;

/**
 * The {@code sort} query parameter of a list whose fields are {@code F}: one field, a leading {@code -} for descending.
 */
public record Sort<F extends FilterField>(F field, boolean descending) {

    public static final String PARAMETER = "sort";
    private static final String ID = "_id";

    /** @param absent the list's order when the client asks for none */
    public static <F extends FilterField> Sort<F> parse(String sort, List<F> fields, Sort<F> absent) {
        if (sort == null || sort.isEmpty()) {
            return absent;
        }
        boolean descending = sort.startsWith("-");
        String name = descending ? sort.substring(1) : sort;
        F field = FilterParser.byApiName(fields, name).filter(FilterField::sortable).orElseThrow(() ->
                new ApiException(HttpStatus.BAD_REQUEST, "cannot sort by '" + name + "'; sortable fields are "
                        + fields.stream().filter(FilterField::sortable).map(FilterField::apiName)
                        .collect(Collectors.joining(", "))
                        + ", with a leading - for descending order", PARAMETER));
        return new Sort<>(field, descending);
    }

    /** Ties are broken by id, so that pages of equal values neither overlap nor skip a resource. */
    public Bson toBson() {
        String documentField = field.documentField();
        Bson primary = descending ? Sorts.descending(documentField) : Sorts.ascending(documentField);
        return documentField.equals(ID) ? primary : Sorts.orderBy(primary, Sorts.ascending(ID));
    }
}
