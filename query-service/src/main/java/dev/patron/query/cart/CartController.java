package dev.patron.query.cart;

import dev.patron.contract.ApiException;
import dev.patron.contract.CartResource;
import dev.patron.contract.DataDocument;
import dev.patron.contract.DisplayPrice;
import dev.patron.contract.ErrorDetails;
import dev.patron.contract.LineItemResource;
import dev.patron.contract.ResourceMeta;
import dev.patron.kit.security.AccessTokenFilter;
import dev.patron.kit.security.Caller;
import dev.patron.query.paging.ListDocument;
import dev.patron.contract.PageRequest;
import dev.patron.query.paging.Pagination;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read half of {@code /v2/carts}; changes go to the command service. A cart is reached by its reference, which
 * only its shopper knows, until it belongs to customers: from then on a storefront reaches it only with one of
 * their tokens, and any other storefront caller is told there is no such cart (nothing about it is revealed). The
 * back office sees every cart.
 */
@RestController
@RequestMapping("/v2/carts")
class CartController {

    /** The currency a client asks for, used for a cart it has not used yet. */
    static final String CURRENCY_HEADER = "X-Moltin-Currency";

    private final CartStore store;
    private final String defaultCurrency;
    private final Clock clock = Clock.systemUTC();

    CartController(CartStore store, @Value("${patron.carts.default-currency}") String defaultCurrency) {
        this.store = store;
        // Checked at start-up: a misspelt setting must not surface as a failure on the first unused cart.
        this.defaultCurrency = Currency.getInstance(defaultCurrency).getCurrencyCode();
    }

    /** The signed-in customer's carts, those that became theirs last first, in the list envelope customers have. */
    @GetMapping
    ListDocument<CartResource> list(
            HttpServletRequest request,
            @RequestParam(name = PageRequest.LIMIT_PARAMETER, required = false) String limit,
            @RequestParam(name = PageRequest.OFFSET_PARAMETER, required = false) String offset) {
        PageRequest page = PageRequest.parse(limit, offset);
        // The access policy lets only customers and the back office through; the back office has no carts of its own.
        String customerId = Caller.of(request).customerId().orElseThrow(() -> new ApiException(
                HttpStatus.BAD_REQUEST, "GET /v2/carts lists the carts of the signed-in customer: call it with a "
                + "storefront token and the customer's " + AccessTokenFilter.CUSTOMER_TOKEN_HEADER,
                AccessTokenFilter.CUSTOMER_TOKEN_HEADER));
        List<String> references = store.referencesOf(customerId);
        List<CartResource> onPage = store.findAll(page.ofNewestFirst(references)).stream()
                .map(CartController::resource).toList();
        return Pagination.document(onPage, references.size(), page, Map.of());
    }

    @GetMapping("/{reference}")
    DataDocument<CartResource> get(@PathVariable String reference,
                                   @RequestHeader(name = CURRENCY_HEADER, required = false) String currency,
                                   HttpServletRequest request) {
        return DataDocument.of(resource(cart(reference, currency, Caller.of(request))));
    }

    /** The cart's items in the order they were added, with the cart's totals. */
    @GetMapping("/{reference}/items")
    CartResource.Items items(@PathVariable String reference,
                             @RequestHeader(name = CURRENCY_HEADER, required = false) String currency,
                             HttpServletRequest request) {
        StoredCart cart = cart(reference, currency, Caller.of(request));
        List<LineItemResource> items = cart.items().stream().map(item -> LineItemResource.of(
                LineItemResource.CART_ITEM, item.id(), item.name(), item.description(), item.sku(), item.quantity(),
                item.unitAmount(), item.includesTax(), cart.currency(),
                LineItemResource.timestamps(item.createdAt(), item.updatedAt()))).toList();
        return new CartResource.Items(items, meta(cart));
    }

    /**
     * The cart as this caller may see it. A reference never used reads as the empty cart it would be on its first
     * use (the contract's carts exist from then on), in the currency the client asks for or the store's default.
     */
    private StoredCart cart(String reference, String currency, Caller caller) {
        StoredCart cart = store.find(reference)
                .orElseGet(() -> StoredCart.unused(reference, currencyOf(currency), clock.instant()));
        boolean shown = cart.customerIds().isEmpty() || caller.isBackOffice()
                || caller.customerId().filter(cart::belongsTo).isPresent();
        if (!shown) {
            throw ApiException.notFound(ErrorDetails.CART_NOT_FOUND);
        }
        return cart;
    }

    private String currencyOf(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultCurrency;
        }
        try {
            return Currency.getInstance(requested.strip().toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException unknown) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    CURRENCY_HEADER + " must be an ISO 4217 currency code such as USD", CURRENCY_HEADER);
        }
    }

    private static CartResource resource(StoredCart cart) {
        CartResource.Meta meta = meta(cart);
        return CartResource.of(cart.reference(), cart.customerIds(), meta.displayPrice(), cart.createdAt(),
                cart.updatedAt());
    }

    /** Patron has no tax rates: the tax is 0 and both totals are the sum of the lines. */
    private static CartResource.Meta meta(StoredCart cart) {
        long total = cart.total();
        return new CartResource.Meta(DisplayPrice.of(total, 0, total, cart.currency()),
                new ResourceMeta.Timestamps(cart.createdAt(), cart.updatedAt()));
    }
}
