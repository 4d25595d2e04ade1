package dev.patron.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps the {@link ImportState} of one input file in the state directory, in a file named after a hash of the
 * input's absolute path (two files of the same name in different folders do not share a state). Every write
 * goes to a temporary file that is then renamed over the state, so a crash leaves the old state or the new one,
 * never half of one.
 */
final class ImportStateStore {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path stateFile;
    private final Path temporary;

    ImportStateStore(Path stateDir, FileFingerprint input) {
        String name = "import-" + hash(input.path().toString()) + ".json";
        this.stateFile = stateDir.resolve(name);
        this.temporary = stateDir.resolve(name + ".tmp");
    }

    Path path() {
        return stateFile;
    }

    /** The kept state, or empty when there is none or it cannot be read (then the import starts over, safely). */
    Optional<ImportState> load() {
        if (!Files.isRegularFile(stateFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(stateFile.toFile(), ImportState.class));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    void save(ImportState state) throws IOException {
        byte[] bytes = JSON.writeValueAsString(state).concat("\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // On disk before the rename, or a power cut could leave a renamed but empty state.
            channel.force(true);
        }
        try {
            Files.move(temporary, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notHere) {
            Files.move(temporary, stateFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    void delete() throws IOException {
        Files.deleteIfExists(stateFile);
        Files.deleteIfExists(temporary);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
    }
}
