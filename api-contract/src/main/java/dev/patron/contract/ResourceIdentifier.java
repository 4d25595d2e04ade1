package dev.patron.contract;

/** A reference to another resource, as relationships name them: {@code {"type":"customer","id":..}}. */
public record ResourceIdentifier(String type, String id) {
}
