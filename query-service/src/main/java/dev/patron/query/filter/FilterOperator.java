package dev.patron.query.filter;

import java.util.Arrays;
import java.util.Optional;

/** The operators of the storefront API's filter grammar, by the name a client writes. */
public enum FilterOperator {
    EQ("eq"), LIKE("like"), IN("in"), GT("gt"), GE("ge"), LT("lt"), LE("le");

    private final String apiName;

    FilterOperator(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    static Optional<FilterOperator> byApiName(String name) {
        return Arrays.stream(values()).filter(operator -> operator.apiName.equals(name)).findFirst();
    }
}
