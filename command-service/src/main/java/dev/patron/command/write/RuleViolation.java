package dev.patron.command.write;

/**
 * A command that breaks a rule of its aggregate (a cart holding too many items, a paid order paid again, an empty cart
 * checked out). The {@link WritePipeline} answers it as a 422 naming {@code source}, the part of the request at fault,
 * whatever the write.
 */
public class RuleViolation extends RuntimeException {

    private final String source;

    public RuleViolation(String source, String detail) {
        super(detail);
        this.source = source;
    }

    public String source() {
        return source;
    }
}
