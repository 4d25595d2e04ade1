package dev.patron.command.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.command.cart.CartRequests;
import dev.patron.command.order.OrderCommands.PlaceOrder;
import dev.patron.contract.ApiException;
import dev.patron.contract.DataDocument;
import dev.patron.contract.OrderResource;
import dev.patron.kit.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v2/carts/:reference/checkout}. A customer's checkout from a storefront needs that customer's token
 * ({@code X-Moltin-Customer-Token}); the back office may check out as any existing customer. A guest's checkout links
 * the order to no one.
 */
@RestController
class CheckoutController {

    private final OrderWrites writes;

    CheckoutController(OrderWrites writes) {
        this.writes = writes;
    }

    @PostMapping("/v2/carts/{reference}/checkout")
    ResponseEntity<DataDocument<OrderResource>> checkOut(@PathVariable String reference, @RequestBody JsonNode body,
                                                         HttpServletRequest request) {
        String checkedReference = CartRequests.reference(reference);
        CheckoutInput input = CheckoutInput.read(body);
        Caller caller = Caller.of(request);
        if (input.customerId() != null && !caller.mayActFor(input.customerId())) {
            throw new ApiException(HttpStatus.FORBIDDEN,
                    "A customer's checkout needs that customer's token (X-Moltin-Customer-Token)", "data.customer.id");
        }
        String orderId = UUID.randomUUID().toString();
        OrderState order = writes.checkOut(new PlaceOrder(orderId, checkedReference, CartRequests.access(caller),
                input.customerId(), input.guest(), input.billingAddress(), input.shippingAddress()));
        return ResponseEntity.created(URI.create("/v2/orders/" + orderId))
                .body(DataDocument.of(OrderController.resource(order)));
    }
}
