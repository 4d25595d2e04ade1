package dev.patron.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client was told is stored is there after the server process is killed (SIGKILL, as the crash test does):
 * the embedded server answers only once a change is in its file. Before, MVStore wrote changes up to a second after
 * they were answered, and this test lost the last of them.
 */
@Tag("integration")
class KilledServerTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (mongodb://\\S+)");
    private static final int WRITES = 1_000;

    @TempDir
    Path dataDirectory;

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheServerProcess() throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedMongoMain.class.getName(), "--port=0",
                "--data-dir=" + dataDirectory).redirectErrorStream(true).start();
        try {
            String uri = awaitListening(server);
            try (MongoClient client = MongoClients.create(uri)) {
                MongoCollection<Document> documents = client.getDatabase("patron").getCollection("documents");
                MongoCollection<Document> counters = client.getDatabase("patron").getCollection("counters");
                for (int i = 0; i < WRITES; i++) {
                    documents.insertOne(new Document("_id", i));
                    counters.findOneAndUpdate(Filters.eq("_id", "writes"), Updates.inc("value", 1L),
                            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                }
            }
        } finally {
            server.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (EmbeddedMongoServer restarted = EmbeddedMongoServer.start("127.0.0.1", 0, dataDirectory);
             MongoClient client = MongoClients.create(restarted.connectionString())) {
            assertThat(client.getDatabase("patron").getCollection("documents").countDocuments()).isEqualTo(WRITES);
            assertThat(client.getDatabase("patron").getCollection("counters").find(Filters.eq("_id", "writes"))
                    .first()).containsEntry("value", (long) WRITES);
        }
    }

    /** The connection string the server prints once it listens. */
    private static String awaitListening(Process server) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                // Drained from here on, so that the server never blocks on a full pipe.
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return listening.group(1);
            }
        }
        throw new IllegalStateException("the server ended before it listened (exit " + server.waitFor() + ")");
    }
}
