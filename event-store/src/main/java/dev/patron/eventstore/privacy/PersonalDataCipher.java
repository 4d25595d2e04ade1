package dev.patron.eventstore.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * AES-256-GCM over single personal-data values. The subject id and field name are bound in as associated data,
 * so a ciphertext copied into another customer's event or another field fails to decrypt instead of leaking.
 */
public class PersonalDataCipher {

    /** Prefix of every encrypted value; the version lets the format change without breaking old events. */
    static final String PREFIX = "pd1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final DataKeyStore keys;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(DataKeyStore keys) {
        this.keys = keys;
    }

    /** The encrypted value, or empty when the subject's key was destroyed (the value must then not be stored). */
    public Optional<String> encrypt(String subjectId, String field, byte[] plaintext) {
        return keys.keyForWriting(subjectId).map(key -> {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            byte[] sealed = run(Cipher.ENCRYPT_MODE, key, iv, subjectId, field, plaintext);
            byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(out);
        });
    }

    /** The plaintext, or empty when the subject's key was destroyed (the data is erased). */
    public Optional<byte[]> decrypt(String subjectId, String field, String encrypted) {
        if (!isEncrypted(encrypted)) {
            throw new IllegalArgumentException("Not an encrypted personal-data value");
        }
        return keys.keyForReading(subjectId).map(key -> {
            byte[] in = Base64.getDecoder().decode(encrypted.substring(PREFIX.length()));
            byte[] iv = new byte[IV_BYTES];
            System.arraycopy(in, 0, iv, 0, IV_BYTES);
            byte[] sealed = new byte[in.length - IV_BYTES];
            System.arraycopy(in, IV_BYTES, sealed, 0, sealed.length);
            return run(Cipher.DECRYPT_MODE, key, iv, subjectId, field, sealed);
        });
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    private static byte[] run(int mode, SecretKey key, byte[] iv, String subjectId, String field, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD((subjectId + '\u0000' + field).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Personal data could not be " + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted"), e);
        }
    }
}
