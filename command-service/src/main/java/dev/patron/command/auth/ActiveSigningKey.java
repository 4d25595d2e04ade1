package dev.patron.command.auth;

import com.nimbusds.jose.jwk.ECKey;

/**
 * The private signing key, wrapped in a package-private type so that no code outside this package can have it
 * injected.
 */
record ActiveSigningKey(ECKey key) {

    /** Only the key id: the key's own {@code toString} is its JSON, private part included. */
    @Override
    public String toString() {
        return "ActiveSigningKey[kid=" + key.getKeyID() + "]";
    }
}
