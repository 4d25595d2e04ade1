package dev.patron.mongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs {@link EmbeddedMongoServer} until the process receives SIGINT or SIGTERM.
 *
 * <p>Settings, each from an argument or else the environment: {@code --port=} / {@code PATRON_MONGO_PORT}
 * (default 27018, so a real MongoDB on 27017 is left alone), {@code --data-dir=} / {@code PATRON_MONGO_DATA_DIR}
 * (default {@code ./.patron/data/mongo}), {@code --host=} / {@code PATRON_MONGO_HOST} (default 127.0.0.1:
 * the server has no authentication, so it listens on loopback unless told otherwise), {@code --sweep-delay-seconds=} /
 * {@code PATRON_MONGO_SWEEP_DELAY_SECONDS} (default 60: how long after an erasure the data file is swept, see
 * {@link EmbeddedStoreSweep}).
 */
public final class EmbeddedMongoMain {

    private EmbeddedMongoMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerSettings settings = ServerSettings.from(args, System.getenv());
        EmbeddedMongoServer server = EmbeddedMongoServer.start(settings.host(), settings.port(), settings.dataDirectory(),
                settings.sweepDelay());
        // The JVM runs shutdown hooks on SIGINT and SIGTERM; closing there flushes the MVStore file.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-mongo-shutdown"));
        System.out.println("Embedded MongoDB listening on " + server.connectionString()
                + ", data in " + settings.dataDirectory().toAbsolutePath());
    }

    record ServerSettings(String host, int port, Path dataDirectory, Duration sweepDelay) {

        static ServerSettings from(String[] args, Map<String, String> environment) {
            return new ServerSettings(
                    setting(args, "host", environment.get("PATRON_MONGO_HOST"), "127.0.0.1"),
                    Integer.parseInt(setting(args, "port", environment.get("PATRON_MONGO_PORT"), "27018")),
                    Path.of(setting(args, "data-dir", environment.get("PATRON_MONGO_DATA_DIR"), ".patron/data/mongo")),
                    Duration.ofSeconds(Long.parseLong(setting(args, "sweep-delay-seconds",
                            environment.get("PATRON_MONGO_SWEEP_DELAY_SECONDS"),
                            String.valueOf(EmbeddedMongoServer.DEFAULT_SWEEP_DELAY.toSeconds())))));
        }

        private static String setting(String[] args, String name, String fromEnvironment, String fallback) {
            String prefix = "--" + name + "=";
            for (String arg : args) {
                if (arg.startsWith(prefix)) {
                    return arg.substring(prefix.length());
                }
            }
            return fromEnvironment == null || fromEnvironment.isBlank() ? fallback : fromEnvironment;
        }
    }
}
