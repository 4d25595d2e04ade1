package dev.patron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrashOptionsTest {

    @Test
    void defaultsAreTheLongRunWithAFreshSeed() {
        CrashOptions options = CrashOptions.parse(new String[] {"--repo", "/work/main"}, () -> 99);
        assertEquals(new CrashOptions(Path.of("/work/main"), 10_000, 99, 5, 4, 1,
                Path.of("/work/main/.patron/logs/crash-test")), options);
    }

    @Test
    void aNamedSeedReplaysARun() {
        CrashOptions options = CrashOptions.parse(new String[] {"--repo", ".", "--commands", "600", "--kills", "2",
                "--seed", "-7", "--clients", "3", "--instances", "2", "--logs", "/tmp/logs"}, () -> {
                    throw new AssertionError("no seed should be drawn");
                });
        assertEquals(new CrashOptions(Path.of("."), 600, -7, 2, 3, 2, Path.of("/tmp/logs")), options);
    }

    @Test
    void wrongCommandLinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CrashOptions.parse(new String[] {}, () -> 1));
        assertThrows(IllegalArgumentException.class,
                () -> CrashOptions.parse(new String[] {"--repo", ".", "--commands", "0"}, () -> 1));
        assertThrows(IllegalArgumentException.class,
                () -> CrashOptions.parse(new String[] {"--repo", ".", "--seed", "x"}, () -> 1));
        assertThrows(IllegalArgumentException.class,
                () -> CrashOptions.parse(new String[] {"--repo", ".", "--kills"}, () -> 1));
        assertThrows(IllegalArgumentException.class,
                () -> CrashOptions.parse(new String[] {"--repo", ".", "--speed", "1"}, () -> 1));
        assertThrows(IllegalArgumentException.class,
                () -> CrashOptions.parse(new String[] {"--repo", ".", "--commands", "50", "--kills", "5"}, () -> 1));
    }
}
