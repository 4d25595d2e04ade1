package dev.patron.eventstore.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Master keys kept in a small text file outside MongoDB (by default {@code .patron/data/master-keys}, mode 600), one
 * AES-256 key per line under its id, and which of them is active:
 * <pre>
 * active=mk-20260115-101500
 * mk-20260115-101500=&lt;64 hex digits&gt;
 * </pre>
 * Data keys are wrapped with AES key wrap (RFC 3394), whose integrity check makes a wrong key fail rather than yield
 * a wrong data key. A file that does not exist is created, with one fresh key, atomically (several services starting
 * together on one file agree on the first one written). Rotation adds a key and makes it active (the {@code patron}
 * script's {@code rotate-master-key} does it); a key id this process does not know makes it read the file again, so
 * a key added while it runs is found.
 */
public final class MasterKeyFile implements MasterKeys {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);
    private static final String ACTIVE = "active";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int KEY_BYTES = 32;
    private static final String KEY_WRAP = "AESWrap";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private volatile Contents contents;

    private MasterKeyFile(Path file, Contents contents) {
        this.file = file;
        this.contents = contents;
    }

    /** The master keys in {@code file}, which is created with one fresh key if it does not exist. */
    public static MasterKeyFile openOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file);
        }
        warnIfReadableByOthers(file);
        return new MasterKeyFile(file, read(file));
    }

    @Override
    public String activeKeyId() {
        return contents.active();
    }

    @Override
    public WrappedKey wrap(SecretKey dataKey) {
        Contents current = contents;
        try {
            Cipher cipher = Cipher.getInstance(KEY_WRAP);
            cipher.init(Cipher.WRAP_MODE, current.keys().get(current.active()));
            return new WrappedKey(current.active(), cipher.wrap(dataKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap is part of every JDK", e);
        }
    }

    @Override
    public SecretKey unwrap(WrappedKey wrapped) {
        SecretKey masterKey = contents.keys().get(wrapped.masterKeyId());
        if (masterKey == null) {
            // Added since this process read the file (a rotation while it runs)?
            contents = read(file);
            masterKey = contents.keys().get(wrapped.masterKeyId());
        }
        if (masterKey == null) {
            throw new MasterKeyException("A data key is wrapped under master key '" + wrapped.masterKeyId() + "', which "
                    + file.toAbsolutePath() + " does not hold: this is not the key file of this database, or the key "
                    + "was removed from it");
        }
        try {
            Cipher cipher = Cipher.getInstance(KEY_WRAP);
            cipher.init(Cipher.UNWRAP_MODE, masterKey);
            return (SecretKey) cipher.unwrap(wrapped.bytes(), "AES", Cipher.SECRET_KEY);
        } catch (InvalidKeyException wrongKey) {
            throw new MasterKeyException("A data key does not unwrap under master key '" + wrapped.masterKeyId()
                    + "' of " + file.toAbsolutePath() + ": the file holds another key under that id", wrongKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key wrap is part of every JDK", e);
        }
    }

    private static void create(Path file) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String id = "mk-" + ZonedDateTime.now(ZoneOffset.UTC).format(ID_TIME);
        String text = "# Patron's master keys: they wrap the customers' data keys. Keep this file secret, and keep a copy\n"
                + "# apart from the database's backups: without it, nothing personal in the database can be read.\n"
                + ACTIVE + "=" + id + "\n" + id + "=" + HexFormat.of().formatHex(key) + "\n";
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            boolean posix = Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class);
            Path written = posix
                    ? Files.createTempFile(directory, ".master-keys-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(directory, ".master-keys-", ".tmp");
            try {
                Files.writeString(written, text, StandardCharsets.UTF_8);
                // A link appears whole and fails if the name exists: of two processes creating the file, one wins and
                // the other reads the winner's key.
                Files.createLink(file, written);
                log.info("Created the master key file {} (master key '{}')", file.toAbsolutePath(), id);
            } catch (FileAlreadyExistsException createdMeanwhile) {
                log.debug("Master key file {} was created by another process", file);
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the master key file " + file.toAbsolutePath(), e);
        }
    }

    private static Contents read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the master key file " + file.toAbsolutePath(), e);
        }
        String active = null;
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? line : line.substring(0, equals).strip();
            String value = equals < 0 ? "" : line.substring(equals + 1).strip();
            if (name.equals(ACTIVE)) {
                active = value;
            } else if (KEY_ID.matcher(name).matches() && value.matches("[0-9a-fA-F]{" + 2 * KEY_BYTES + "}")) {
                keys.put(name, new SecretKeySpec(HexFormat.of().parseHex(value), "AES"));
            } else {
                throw new IllegalStateException("Line " + number + " of the master key file " + file.toAbsolutePath()
                        + " is neither 'active=<id>' nor '<id>=<64 hex digits>'");
            }
        }
        if (active == null || !keys.containsKey(active)) {
            throw new IllegalStateException("The master key file " + file.toAbsolutePath()
                    + " must name its active key ('active=<id>') and hold a key under that id");
        }
        return new Contents(active, Map.copyOf(keys));
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(permissions)) {
                    log.warn("The master key file {} is readable by others ({}); it should be mode 600",
                            file.toAbsolutePath(), PosixFilePermissions.toString(permissions));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the permissions of " + file.toAbsolutePath(), e);
        }
    }

    private record Contents(String active, Map<String, SecretKey> keys) {
    }
}
