package dev.patron.command.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.contract.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v2/customers/bulk}, back office only: up to {@value #MAX_CUSTOMERS} customers (with addresses) brought
 * over from another platform, each created as a sign-up would create them, in one append. Answers 200 with one
 * result per customer, in order, whether created, already imported by an earlier run, or rejected and why: one bad
 * customer does not fail the others, and sending the same customers again creates nothing twice.
 */
@RestController
class CustomerImportController {

    static final String PATH = "/v2/customers/bulk";
    static final int MAX_CUSTOMERS = 500;

    private final CustomerImport customerImport;

    CustomerImportController(CustomerImport customerImport) {
        this.customerImport = customerImport;
    }

    @PostMapping(PATH)
    ImportAnswer importCustomers(@RequestBody JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray() || data.isEmpty() || data.size() > MAX_CUSTOMERS) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    "The body must be {\"data\": [...]} with 1 to " + MAX_CUSTOMERS + " customers", "data");
        }
        List<JsonNode> customers = new ArrayList<>(data.size());
        data.forEach(customers::add);
        List<ImportResult> results = customerImport.importCustomers(customers);
        return new ImportAnswer(results, ImportResult.Counts.of(results));
    }

    record ImportAnswer(List<ImportResult> data, ImportResult.Counts meta) {
    }
}
