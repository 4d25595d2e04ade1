package dev.patron.command.customer;

/** What an update did: the customer before and after it. Equal but for nothing when the update changed nothing. */
public record CustomerChange(CustomerState before, CustomerState after) {
}
