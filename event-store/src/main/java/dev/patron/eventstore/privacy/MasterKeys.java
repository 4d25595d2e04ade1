package dev.patron.eventstore.privacy;

import javax.crypto.SecretKey;

/**
 * The keys that wrap the data keys, held outside MongoDB, so that a copy of the database (a stolen disk, a backup) does
 * not read the personal data it holds. Each master key has an id, stored next to every data key it wraps: new data
 * keys are wrapped under the active one, and a data key wrapped under any key the implementation still holds unwraps,
 * which is what lets the master key be replaced without rewriting a single event ({@link DataKeyStore#rewrap()}).
 * <p>
 * {@link MasterKeyFile} keeps them in a file; a deployment with a key-management service provides its own bean of
 * this type (wrap and unwrap are the two calls such services offer).
 */
public interface MasterKeys {

    /** The id of the master key that wraps new data keys. */
    String activeKeyId();

    /** The data key wrapped under the active master key. */
    WrappedKey wrap(SecretKey dataKey);

    /**
     * The data key a wrapped key holds.
     *
     * @throws MasterKeyException when no master key has the wrapped key's id, or the key under that id is not the one
     *                            that wrapped it
     */
    SecretKey unwrap(WrappedKey wrapped);

    /** A data key as stored: wrapped under the master key {@code masterKeyId}. */
    record WrappedKey(String masterKeyId, byte[] bytes) {
    }

    /** A data key cannot be unwrapped with the master keys at hand: the key file is not the deployment's. */
    class MasterKeyException extends RuntimeException {

        public MasterKeyException(String message) {
            super(message);
        }

        public MasterKeyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
