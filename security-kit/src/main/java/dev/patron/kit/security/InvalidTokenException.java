package dev.patron.kit.security;

/** A token that must not be accepted. The message is for logs only: clients learn just that the token is invalid. */
public class InvalidTokenException extends RuntimeException {

    InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }

    InvalidTokenException(String message) {
        super(message);
    }
}
