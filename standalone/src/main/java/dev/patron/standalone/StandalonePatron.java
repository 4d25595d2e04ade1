package dev.patron.standalone;

import dev.patron.mongo.EmbeddedMongoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@code ./patron up} runs: the embedded MongoDB-protocol server (its data in one H2 file) and Patron's API on
 * one port, in one JVM, until SIGINT or SIGTERM.
 * <p>
 * Settings from the environment: {@code PATRON_HTTP_PORT} (default 8080), {@code PATRON_MANAGEMENT_PORT} (health and
 * metrics, default 9080, on loopback unless {@code PATRON_MANAGEMENT_ADDRESS} says otherwise),
 * {@code PATRON_MONGO_PORT} (default 27018; the embedded server listens on loopback only, as it has no
 * authentication), {@code PATRON_DATA_DIR} (default {@code ./.patron/data}; the database is {@code mongo/patron.mv.db}
 * in it, the master keys {@code master-keys} unless {@code patron.privacy.master-key-file} names another file),
 * {@code PATRON_MONGO_SWEEP_DELAY_SECONDS} (default 60: how long after an erasure the data file is swept), and every
 * property of both services (see docs/operations.md) as usual.
 */
public final class StandalonePatron {

    private StandalonePatron() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.from(System.getenv());
        EmbeddedMongoServer mongo = EmbeddedMongoServer.start("127.0.0.1", settings.mongoPort(), settings.mongoDirectory(),
                settings.sweepDelay());
        ConfigurableApplicationContext context;
        try {
            // The master key file in the data folder, as a default: the setting, given anywhere, wins.
            context = application()
                    .properties("patron.privacy.master-key-file=" + settings.masterKeyFile())
                    .run(arguments(mongo.connectionString(), settings.httpPort(), settings.managementPort(), args));
        } catch (RuntimeException failedToStart) {
            mongo.close();
            throw failedToStart;
        }
        // The database goes down only after Patron has let go of it, which closes its data file cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            mongo.close();
        }, "patron-shutdown"));
    }

    /** Patron's Spring application, reading its settings from standalone.yml. */
    static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(PatronApplication.class)
                .properties("spring.config.name=standalone")
                .registerShutdownHook(false);
    }

    /**
     * The settings that differ from the services': one API port and one management port, the embedded database, no
     * gateway in front.
     */
    static String[] arguments(String mongoUri, int httpPort, int managementPort, String... args) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + httpPort,
                "--management.server.port=" + managementPort,
                "--patron.mongo.uri=" + mongoUri,
                "--spring.application.name=patron",
                "--management.metrics.tags.application=patron"));
        arguments.addAll(List.of(args));
        return arguments.toArray(String[]::new);
    }

    record Settings(int httpPort, int managementPort, int mongoPort, Path mongoDirectory, Path masterKeyFile,
                    Duration sweepDelay) {

        static Settings from(Map<String, String> environment) {
            Path dataDirectory = Path.of(environment.getOrDefault("PATRON_DATA_DIR", ".patron/data"));
            return new Settings(
                    Integer.parseInt(environment.getOrDefault("PATRON_HTTP_PORT", "8080")),
                    Integer.parseInt(environment.getOrDefault("PATRON_MANAGEMENT_PORT", "9080")),
                    Integer.parseInt(environment.getOrDefault("PATRON_MONGO_PORT", "27018")),
                    dataDirectory.resolve("mongo"),
                    dataDirectory.resolve("master-keys"),
                    Duration.ofSeconds(Long.parseLong(environment.getOrDefault("PATRON_MONGO_SWEEP_DELAY_SECONDS",
                            String.valueOf(EmbeddedMongoServer.DEFAULT_SWEEP_DELAY.toSeconds())))));
        }
    }
}
