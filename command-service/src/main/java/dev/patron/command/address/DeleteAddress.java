package dev.patron.command.address;

public record DeleteAddress(String customerId, String addressId) {
}
