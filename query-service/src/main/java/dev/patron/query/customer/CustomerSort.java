package dev.patron.query.customer;

import com.mongodb.client.model.Sorts;
import dev.patron.contract.ApiException;
import org.bson.conversions.Bson;
import org.springframework.http.HttpStatus;

/** The {@code sort} query parameter: one field, a leading {@code -} for descending. */
record CustomerSort(CustomerField field, boolean descending) {

    static final String PARAMETER = "sort";
    static final CustomerSort DEFAULT = new CustomerSort(CustomerField.CREATED_AT, true);

    static CustomerSort parse(String sort) {
        if (sort == null || sort.isEmpty()) {
            return DEFAULT;
        }
        boolean descending = sort.startsWith("-");
        String name = descending ? sort.substring(1) : sort;
        CustomerField field = CustomerField.byApiName(name).filter(CustomerField::sortable).orElseThrow(() ->
                new ApiException(HttpStatus.BAD_REQUEST, "cannot sort by '" + name + "'; sortable fields are "
                        + CustomerField.sortableNames() + ", with a leading - for descending order", PARAMETER));
        return new CustomerSort(field, descending);
    }

    /** Ties are broken by id, so that pages of equal values neither overlap nor skip a customer. */
    Bson toBson() {
        String documentField = field.documentField();
        Bson primary = descending ? Sorts.descending(documentField) : Sorts.ascending(documentField);
        return field == CustomerField.ID ? primary : Sorts.orderBy(primary, Sorts.ascending(CustomerStore.ID));
    }
}
