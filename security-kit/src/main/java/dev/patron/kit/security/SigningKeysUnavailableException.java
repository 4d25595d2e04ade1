package dev.patron.kit.security;

/**
 * The published signing keys could not be fetched, so no token can be judged: a service fault (503), not the
 * client's (401), which would make clients throw away good tokens.
 */
public class SigningKeysUnavailableException extends RuntimeException {

    SigningKeysUnavailableException(Throwable cause) {
        super("the signing keys could not be fetched: " + cause.getMessage(), cause);
    }
}
