package dev.patron.command.order;

/** A change an order's state does not allow (paying a cancelled order, fulfilling an unpaid one): a 422. */
public class OrderRuleException extends RuntimeException {

    private final String source;

    public OrderRuleException(String source, String detail) {
        super(detail);
        this.source = source;
    }

    public String source() {
        return source;
    }
}
