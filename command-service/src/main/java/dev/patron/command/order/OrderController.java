package dev.patron.command.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.command.order.OrderCommands.CancelOrder;
import dev.patron.command.order.OrderCommands.FulfilOrder;
import dev.patron.command.order.OrderCommands.PayForOrder;
import dev.patron.contract.ApiException;
import dev.patron.contract.DataDocument;
import dev.patron.contract.OrderResource;
import dev.patron.contract.RequestDocument;
import dev.patron.contract.TextRule;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The back office's order writes: payments through the manual gateway, fulfilment and cancellation, and erasing the
 * personal data of orders. Reads are the query service's.
 */
@RestController
class OrderController {

    static final String MANUAL_GATEWAY = "manual";
    /** Enough for a page of orders in a console, small enough to be stored in one append. */
    static final int MAX_ANONYMIZED_AT_ONCE = 100;

    private final OrderWrites writes;

    OrderController(OrderWrites writes) {
        this.writes = writes;
    }

    /** {@code {"data":{"gateway":"manual","method":"purchase"|"authorize"|"capture"}}} */
    @PostMapping("/v2/orders/{orderId}/payments")
    DataDocument<TransactionResource> pay(@PathVariable String orderId, @RequestBody JsonNode body) {
        RequestDocument payment = RequestDocument.nested(body == null ? null : body.get("data"), "data");
        String gateway = payment.text("gateway", TextRule.CHOICE);
        String method = payment.text("method", TextRule.CHOICE);
        payment.requireWellFormed();
        if (!MANUAL_GATEWAY.equals(gateway)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "gateway must be \"manual\": Patron records payments taken elsewhere", "data.gateway");
        }
        if (!Set.of(Order.PURCHASE, Order.AUTHORIZE, Order.CAPTURE).contains(method)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "method must be purchase, authorize or capture",
                    "data.method");
        }
        String transactionId = UUID.randomUUID().toString();
        OrderState paid = writes.change(new PayForOrder(orderId, transactionId, gateway, method));
        return DataDocument.of(TransactionResource.of(transactionId, gateway, method, paid));
    }

    /** {@code {"data":{"type":"order","shipping":"fulfilled"}}} or {@code "status":"cancelled"}. */
    @PutMapping("/v2/orders/{orderId}")
    DataDocument<OrderResource> update(@PathVariable String orderId, @RequestBody JsonNode body) {
        RequestDocument change = RequestDocument.read(body, OrderResource.TYPE);
        String shipping = change.text("shipping", TextRule.CHOICE);
        String status = change.text("status", TextRule.CHOICE);
        change.requireWellFormed();
        if ((shipping == null) == (status == null)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "Give either shipping: \"fulfilled\" or status: \"cancelled\", one change at a time", "data");
        }
        if (shipping != null && !"fulfilled".equals(shipping)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "shipping can only be set to \"fulfilled\"",
                    "data.shipping");
        }
        if (status != null && !"cancelled".equals(status)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "status can only be set to \"cancelled\"",
                    "data.status");
        }
        OrderState changed = writes.change(status != null ? new CancelOrder(orderId) : new FulfilOrder(orderId));
        return DataDocument.of(resource(changed));
    }

    /** {@code {"data":{"order_ids":[..]}}}: answers the orders as they are afterwards. */
    @PostMapping("/v2/orders/anonymize")
    DataDocument<List<OrderResource>> anonymize(@RequestBody JsonNode body) {
        JsonNode data = body == null ? null : body.get("data");
        JsonNode ids = data == null ? null : data.get("order_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_ANONYMIZED_AT_ONCE) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "order_ids must be a list of 1 to "
                    + MAX_ANONYMIZED_AT_ONCE + " order ids", "data.order_ids");
        }
        RequestDocument request = RequestDocument.nested(data, "data");
        List<String> orderIds = request.texts("order_ids", TextRule.ID);
        request.requireWellFormed();
        return DataDocument.of(writes.anonymize(orderIds).stream()
                .map(OrderController::resource).toList());
    }

    static OrderResource resource(OrderState order) {
        return OrderResource.of(order.orderId(), order.status().wireName(), order.payment().wireName(),
                order.shipping().wireName(), order.customerId(), order.buyer(), order.billingAddress(),
                order.shippingAddress(), order.currency(), order.totals(), order.createdAt(), order.updatedAt());
    }
}
