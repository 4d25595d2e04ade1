package dev.patron.contract;

/**
 * A custom field value that today's definition of the field no longer accepts (its type or rules changed after the
 * value was stored). The value is still shown as stored; this says which one and why.
 */
public record CustomFieldProblem(String field, String detail) {
}
