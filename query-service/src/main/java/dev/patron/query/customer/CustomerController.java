package dev.patron.query.customer;

import dev.patron.contract.ApiException;
import dev.patron.contract.CustomerResource;
import dev.patron.contract.DataDocument;
import dev.patron.query.filter.FilterParser;
import dev.patron.query.filter.Sort;
import dev.patron.query.paging.ListDocument;
import dev.patron.query.paging.PageRequest;
import dev.patron.query.paging.Pagination;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read half of {@code /v2/customers}; writes go to the command service. */
@RestController
@RequestMapping("/v2/customers")
class CustomerController {

    private final CustomerQueries queries;

    CustomerController(CustomerQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/{id}")
    DataDocument<CustomerResource> get(@PathVariable String id) {
        return queries.get(id).map(CustomerController::resource).map(DataDocument::of)
                .orElseThrow(() -> ApiException.notFound("No customer with this id"));
    }

    @GetMapping
    ListDocument<CustomerResource> list(
            @RequestParam(name = FilterParser.PARAMETER, required = false) String filter,
            @RequestParam(name = Sort.PARAMETER, required = false) String sort,
            @RequestParam(name = PageRequest.LIMIT_PARAMETER, required = false) String limit,
            @RequestParam(name = PageRequest.OFFSET_PARAMETER, required = false) String offset) {
        PageRequest page = PageRequest.parse(limit, offset);
        CustomerQueries.CustomerPage result = queries.list(
                CustomerField.FILTER.parse(filter), CustomerField.sort(sort), page);
        Map<String, String> query = new LinkedHashMap<>();
        query.put(FilterParser.PARAMETER, filter);
        query.put(Sort.PARAMETER, sort);
        return Pagination.document(result.customers().stream().map(CustomerController::resource).toList(),
                result.total(), page, query);
    }

    private static CustomerResource resource(StoredCustomer customer) {
        return CustomerResource.of(customer.id(), customer.name(), customer.email(), customer.hasPassword(),
                customer.externalRef(), customer.createdAt(), customer.updatedAt());
    }
}
