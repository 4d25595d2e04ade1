package dev.patron.query.order;

import dev.patron.contract.ApiException;
import dev.patron.contract.DataDocument;
import dev.patron.contract.ErrorDetails;
import dev.patron.contract.LineItemResource;
import dev.patron.contract.OrderResource;
import dev.patron.kit.security.Caller;
import dev.patron.query.filter.FilterParser;
import dev.patron.query.filter.Sort;
import dev.patron.query.paging.ListDocument;
import dev.patron.contract.PageRequest;
import dev.patron.query.paging.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read half of {@code /v2/orders}; checkout, payments and changes go to the command service. The back office
 * reads, filters and sorts every order. A signed-in customer reads their own orders only, newest first: another
 * customer's order, or a guest's, is not found here, exactly like one that does not exist.
 */
@RestController
@RequestMapping("/v2/orders")
class OrderController {

    private final OrderQueries queries;

    OrderController(OrderQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    ListDocument<OrderResource> list(
            HttpServletRequest request,
            @RequestParam(name = FilterParser.PARAMETER, required = false) String filter,
            @RequestParam(name = Sort.PARAMETER, required = false) String sort,
            @RequestParam(name = PageRequest.LIMIT_PARAMETER, required = false) String limit,
            @RequestParam(name = PageRequest.OFFSET_PARAMETER, required = false) String offset) {
        PageRequest page = PageRequest.parse(limit, offset);
        Caller caller = Caller.of(request);
        if (caller.isBackOffice()) {
            OrderQueries.OrderPage result = queries.list(OrderField.FILTER.parse(filter), OrderField.sort(sort), page);
            Map<String, String> query = new LinkedHashMap<>();
            query.put(FilterParser.PARAMETER, filter);
            query.put(Sort.PARAMETER, sort);
            return Pagination.document(resources(result.orders()), result.total(), page, query);
        }
        // The access policy lets storefronts through only with a customer token.
        String customerId = caller.customerId().orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN,
                "This call needs a back-office token or a customer token"));
        // Refused rather than ignored, so that nobody takes an unfiltered history for a filtered one.
        for (String parameter : new String[] {FilterParser.PARAMETER, Sort.PARAMETER}) {
            if (request.getParameter(parameter) != null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "a customer's orders are listed newest first, whole; "
                        + parameter + " is for the back office", parameter);
            }
        }
        OrderQueries.OrderPage history = queries.history(customerId, page);
        return Pagination.document(resources(history.orders()), history.total(), page, Map.of());
    }

    @GetMapping("/{orderId}")
    DataDocument<OrderResource> get(@PathVariable String orderId, HttpServletRequest request) {
        return DataDocument.of(resource(order(orderId, Caller.of(request))));
    }

    /** The order's lines as they were checked out; an order's lines have no times of their own. */
    @GetMapping("/{orderId}/items")
    DataDocument<List<LineItemResource>> items(@PathVariable String orderId, HttpServletRequest request) {
        StoredOrder order = order(orderId, Caller.of(request));
        return DataDocument.of(order.items().stream().map(item -> LineItemResource.of(LineItemResource.ORDER_ITEM,
                item.itemId(), item.name(), item.description(), item.sku(), item.quantity(), item.unitAmount(),
                item.includesTax(), order.currency(), null)).toList());
    }

    private StoredOrder order(String orderId, Caller caller) {
        return queries.get(orderId).filter(order -> mayRead(caller, order))
                .orElseThrow(() -> ApiException.notFound(ErrorDetails.ORDER_NOT_FOUND));
    }

    /** The back office any order; a customer their own, never a guest's, which belongs to nobody. */
    private static boolean mayRead(Caller caller, StoredOrder order) {
        return caller.isBackOffice() || order.customerId() != null && caller.mayActFor(order.customerId());
    }

    private static List<OrderResource> resources(List<StoredOrder> orders) {
        return orders.stream().map(OrderController::resource).toList();
    }

    private static OrderResource resource(StoredOrder order) {
        return OrderResource.of(order.id(), order.status(), order.payment(), order.shipping(), order.customerId(),
                order.buyer(), order.billingAddress(), order.shippingAddress(), order.currency(), order.totals(),
                order.createdAt(), order.updatedAt());
    }
}
