package dev.patron.command.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patron.command.cart.CartCommands.AddCartItem;
import dev.patron.command.cart.CartCommands.AssociateCartWithCustomer;
import dev.patron.command.cart.CartCommands.ChangeCartItemQuantity;
import dev.patron.command.cart.CartCommands.EmptyCart;
import dev.patron.command.cart.CartCommands.RemoveCartItem;
import dev.patron.contract.ApiException;
import dev.patron.contract.CartResource;
import dev.patron.contract.CustomerResource;
import dev.patron.contract.DisplayPrice;
import dev.patron.contract.LineItemResource;
import dev.patron.contract.ResourceIdentifier;
import dev.patron.contract.ResourceMeta;
import dev.patron.kit.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract's cart writes; reads are the query service's. Every change answers with the cart's items and totals
 * as they are after it.
 */
@RestController
@RequestMapping("/v2/carts/{reference}")
class CartController {

    private final CartWrites writes;
    private final String defaultCurrency;

    CartController(CartWrites writes, @Value("${patron.carts.default-currency}") String defaultCurrency) {
        this.writes = writes;
        this.defaultCurrency = defaultCurrency;
    }

    @PostMapping("/items")
    ResponseEntity<CartResource.Items> addItem(@PathVariable String reference, @RequestBody JsonNode body,
                                               @RequestHeader(value = CartRequests.CURRENCY_HEADER, required = false)
                                               String currency, HttpServletRequest request) {
        String checkedReference = CartRequests.reference(reference);
        CartCurrency requested = CartRequests.currency(currency, defaultCurrency);
        CartItem item = CartItemInput.customItem(body);
        CartContents cart = writes.send(new AddCartItem(checkedReference, requested,
                CartRequests.access(Caller.of(request)), UUID.randomUUID().toString(), item));
        return ResponseEntity.status(HttpStatus.CREATED).body(items(cart));
    }

    @PutMapping("/items/{itemId}")
    CartResource.Items changeQuantity(@PathVariable String reference, @PathVariable String itemId,
                                      @RequestBody JsonNode body, HttpServletRequest request) {
        String checkedReference = CartRequests.reference(reference);
        int quantity = CartItemInput.quantity(body);
        return items(writes.send(new ChangeCartItemQuantity(checkedReference, CartRequests.access(Caller.of(request)),
                itemId, quantity)));
    }

    @DeleteMapping("/items/{itemId}")
    CartResource.Items removeItem(@PathVariable String reference, @PathVariable String itemId,
                                  HttpServletRequest request) {
        String checkedReference = CartRequests.reference(reference);
        return items(writes.send(new RemoveCartItem(checkedReference, CartRequests.access(Caller.of(request)), itemId)));
    }

    @DeleteMapping("/items")
    CartResource.Items empty(@PathVariable String reference,
                             @RequestHeader(value = CartRequests.CURRENCY_HEADER, required = false) String currency,
                             HttpServletRequest request) {
        String checkedReference = CartRequests.reference(reference);
        return items(writes.send(new EmptyCart(checkedReference, CartRequests.currency(currency, defaultCurrency),
                CartRequests.access(Caller.of(request)))));
    }

    /**
     * {@code {"data":[{"type":"customer","id":..}]}}, as the SDK's {@code AddCustomerAssociation} sends it. A
     * storefront associates a cart only with the customer whose token it sends.
     */
    @PostMapping("/relationships/customers")
    Map<String, List<ResourceIdentifier>> associate(@PathVariable String reference, @RequestBody JsonNode body,
                                                    @RequestHeader(value = CartRequests.CURRENCY_HEADER,
                                                            required = false) String currency,
                                                    HttpServletRequest request) {
        String checkedReference = CartRequests.reference(reference);
        String customerId = CartRelationshipInput.customerId(body);
        Caller caller = Caller.of(request);
        if (!caller.mayActFor(customerId)) {
            throw new ApiException(HttpStatus.FORBIDDEN,
                    "A customer token gives access to that customer's own data only", "data[0].id");
        }
        CartContents cart = writes.associate(new AssociateCartWithCustomer(checkedReference,
                CartRequests.currency(currency, defaultCurrency), CartRequests.access(caller), customerId));
        return Map.of("data", List.of(new ResourceIdentifier(CustomerResource.TYPE, cart.customerId())));
    }

    /** The cart's lines and totals as the contract shows them. */
    static CartResource.Items items(CartContents cart) {
        String currency = cart.currency();
        List<LineItemResource> lines = cart.lines().stream()
                .map(line -> LineItemResource.of(LineItemResource.CART_ITEM, line.itemId(), line.name(),
                        line.description(), line.sku(), line.quantity(), line.unitAmount(), line.includesTax(),
                        currency, new ResourceMeta.Timestamps(line.addedAt(), line.changedAt())))
                .toList();
        long total = cart.total();
        Instant updatedAt = cart.updatedAt();
        return new CartResource.Items(lines, new CartResource.Meta(DisplayPrice.of(total, 0, total, currency),
                new ResourceMeta.Timestamps(cart.createdAt(), updatedAt)));
    }
}
