package dev.patron.command.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.contract.ApiError;
import java.util.List;

/**
 * What became of one customer of an import request.
 *
 * @param index  the customer's position in the request
 * @param status {@code created}, {@code already_imported} (an earlier run of the same import created them), or
 *               {@code rejected}
 * @param id     the customer's id, unless rejected
 * @param errors why the customer was rejected, in the contract's error format
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ImportResult(String type, int index, String status, String id, List<ApiError> errors) {

    static final String TYPE = "customer_import_result";
    static final String CREATED = "created";
    static final String ALREADY_IMPORTED = "already_imported";
    static final String REJECTED = "rejected";

    static ImportResult created(int index, String customerId) {
        return new ImportResult(TYPE, index, CREATED, customerId, null);
    }

    static ImportResult alreadyImported(int index, String customerId) {
        return new ImportResult(TYPE, index, ALREADY_IMPORTED, customerId, null);
    }

    static ImportResult rejected(int index, List<ApiError> errors) {
        return new ImportResult(TYPE, index, REJECTED, null, errors);
    }

    /** The counts of an answer's {@code meta}. */
    record Counts(int created, @JsonProperty("already_imported") int alreadyImported, int rejected) {

        static Counts of(List<ImportResult> results) {
            return new Counts(count(results, CREATED), count(results, ALREADY_IMPORTED), count(results, REJECTED));
        }

        private static int count(List<ImportResult> results, String status) {
            return (int) results.stream().filter(result -> result.status().equals(status)).count();
        }
    }
}
