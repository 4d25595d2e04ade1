package dev.patron.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsMeasureEverythingAtTwoSizes() {
        Options options = Options.parse(new String[] {"--repo", "/work/main"});
        assertEquals(Path.of("/work/main"), options.repo());
        assertEquals(Set.copyOf(Options.PHASES), options.phases());
        assertEquals(List.of(10_000L, 100_000L), options.sizes());
        assertEquals(List.of(1, 4, 8), options.clients());
        assertEquals(Optional.empty(), options.seed());
        assertEquals(Path.of("results.json"), options.out());
    }

    @Test
    void sizesAreReachedInAscendingOrder() {
        Options options = Options.parse(new String[] {"--repo", ".", "--sizes", "100000,500,2000,500",
                "--seed", "api", "--phases", "startup,creates"});
        assertEquals(List.of(500L, 2_000L, 100_000L), options.sizes());
        assertEquals(100_000L, options.largestSize());
        assertEquals(Optional.of(Seeder.Mode.API), options.seed());
        assertTrue(options.runs("creates"));
        assertFalse(options.runs("idle"));
    }

    @Test
    void wrongCommandLinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--repo"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--repo", ".", "--phases", "reads"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--repo", ".", "--clients", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--repo", ".", "--sizes", "ten"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--repo", ".", "--seed", "kafka"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--repo", ".", "--verbose", "1"}));
    }
}
