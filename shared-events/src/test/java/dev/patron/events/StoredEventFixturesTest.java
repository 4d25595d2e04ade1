package dev.patron.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event of the published language has a stored JSON fixture per revision, as it is written to the event
 * store (before personal data is encrypted). The current revision's must read into today's class and write back
 * unchanged; each earlier revision's must still read into today's class without losing a property (a revision that
 * only added properties reads as it is, the new ones empty). So a change to an event that would strand stored events
 * fails here and calls for a new revision and an upcaster.
 */
class StoredEventFixturesTest {

    private static final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @Test
    void everyEventHasARevisionAndAFixtureOfIt() throws Exception {
        List<Class<?>> events = eventClasses();

        assertThat(events).isNotEmpty();
        for (Class<?> event : events) {
            assertThat(event.isRecord()).as("%s is an immutable record", event.getSimpleName()).isTrue();
            assertThat(event.getAnnotation(Revision.class)).as("%s has @Revision", event.getSimpleName()).isNotNull();
            assertThat(fixture(event)).as("fixture of %s", event.getSimpleName()).isNotNull();
        }
    }

    @TestFactory
    Stream<DynamicTest> storedFormOfEveryEventStillReadsWithoutLoss() throws Exception {
        return eventClasses().stream().map(event -> DynamicTest.dynamicTest(event.getSimpleName(), () -> {
            JsonNode stored;
            try (InputStream in = fixture(event)) {
                stored = mapper.readTree(in);
            }
            Object read = mapper.treeToValue(stored, event);
            // Through text, as the store writes it: a long read back from a small number is the same JSON number.
            JsonNode written = mapper.readTree(mapper.writeValueAsBytes(read));
            assertThat(written).isEqualTo(stored);
        }));
    }

    @TestFactory
    Stream<DynamicTest> earlierRevisionsStillReadWithoutLoss() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> event : eventClasses()) {
            int current = Integer.parseInt(event.getAnnotation(Revision.class).value());
            for (int revision = 1; revision < current; revision++) {
                String name = "/fixtures/" + event.getSimpleName() + "-r" + revision + ".json";
                tests.add(DynamicTest.dynamicTest(event.getSimpleName() + " r" + revision, () -> {
                    JsonNode stored;
                    try (InputStream in = StoredEventFixturesTest.class.getResourceAsStream(name)) {
                        assertThat(in).as("fixture %s kept", name).isNotNull();
                        stored = mapper.readTree(in);
                    }
                    JsonNode written = mapper.readTree(mapper.writeValueAsBytes(mapper.treeToValue(stored, event)));
                    stored.fieldNames().forEachRemaining(property ->
                            assertThat(written.get(property)).as(property).isEqualTo(stored.get(property)));
                }));
            }
        }
        return tests.stream();
    }

    private static InputStream fixture(Class<?> event) {
        String revision = event.getAnnotation(Revision.class).value();
        return StoredEventFixturesTest.class.getResourceAsStream(
                "/fixtures/" + event.getSimpleName() + "-r" + revision + ".json");
    }

    private static List<Class<?>> eventClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> events = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:dev/patron/events/*/**/*.class")) {
            String path = resource.getURL().getPath();
            String className = path.substring(path.indexOf("dev/patron/events/"), path.length() - ".class".length())
                                   .replace('/', '.');
            Class<?> type = Class.forName(className);
            boolean supportingType = type.getPackageName().endsWith(".privacy") || type.getPackageName().endsWith(".metadata");
            if (!type.isAnnotation() && !type.isInterface() && !supportingType && !className.contains("$")) {
                events.add(type);
            }
        }
        return events;
    }
}
