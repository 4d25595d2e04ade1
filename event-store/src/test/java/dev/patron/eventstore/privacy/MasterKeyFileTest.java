package dev.patron.eventstore.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The key file of the embedded default: made on first use, readable by its owner only, the same for every process
 * that starts on it at once, and a file that is not one refused with the line that is wrong.
 */
class MasterKeyFileTest {

    @TempDir
    Path folder;

    @Test
    void aMissingFileIsCreatedWithOneActiveKeyReadableByItsOwnerOnly() throws Exception {
        Path file = folder.resolve("data").resolve("master-keys");

        MasterKeys keys = MasterKeyFile.openOrCreate(file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(keys.activeKeyId()).matches("mk-\\d{8}-\\d{6}");
        assertThat(Files.readAllLines(file)).contains("active=" + keys.activeKeyId())
                .anySatisfy(line -> assertThat(line).matches(keys.activeKeyId() + "=[0-9a-f]{64}"));
        assertThat(folder.resolve("data").toFile().list()).as("no temporary file left").containsExactly("master-keys");
        SecretKeySpec dataKey = new SecretKeySpec(new byte[32], "AES");
        assertThat(MasterKeyFile.openOrCreate(file).unwrap(keys.wrap(dataKey))).isEqualTo(dataKey);
    }

    @Test
    void processesCreatingTheFileAtOnceAllUseTheOneKeyWritten() throws Exception {
        Path file = folder.resolve("master-keys");
        ExecutorService starting = Executors.newFixedThreadPool(8);
        try {
            List<Callable<MasterKeys>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(() -> MasterKeyFile.openOrCreate(file));
            }
            SecretKeySpec dataKey = new SecretKeySpec(new byte[32], "AES");
            MasterKeys.WrappedKey wrapped = MasterKeyFile.openOrCreate(file).wrap(dataKey);
            for (Future<MasterKeys> started : starting.invokeAll(starts)) {
                assertThat(started.get().unwrap(wrapped)).isEqualTo(dataKey);
            }
        } finally {
            starting.shutdownNow();
        }
    }

    @Test
    void aFileThatIsNotAKeyFileIsRefusedNamingTheProblem() throws Exception {
        Path malformed = folder.resolve("malformed");
        Files.writeString(malformed, "# keys\nactive=mk-1\nmk-1=not-hex\n");
        Path withoutActive = folder.resolve("without-active");
        Files.writeString(withoutActive, "mk-1=" + "00".repeat(32) + "\n");

        assertThatIllegalStateException().isThrownBy(() -> MasterKeyFile.openOrCreate(malformed))
                .withMessageContaining("Line 3");
        assertThatIllegalStateException().isThrownBy(() -> MasterKeyFile.openOrCreate(withoutActive))
                .withMessageContaining("active=<id>");
    }
}
