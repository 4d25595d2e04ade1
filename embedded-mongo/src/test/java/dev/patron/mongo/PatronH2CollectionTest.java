package dev.patron.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which queries skip the library's second match after a unique index answered them: exactly the shapes such an index
 * answers (one field, a value or {@code $in}/{@code $eq}); anything more is matched as before. That the documents
 * found are the same either way is {@link IndexLookupPropertyTest}'s to show.
 */
class PatronH2CollectionTest {

    @Test
    void aValueOrAnInOrAnEqOnOneFieldIsALookup() {
        assertThat(PatronH2Collection.isIndexLookup(new Document("_id", "c-1"))).isTrue();
        assertThat(PatronH2Collection.isIndexLookup(new Document("_id", 42L))).isTrue();
        assertThat(PatronH2Collection.isIndexLookup(new Document("sequenceKeys",
                new Document("$in", List.of("a:0", "a:1"))))).isTrue();
        assertThat(PatronH2Collection.isIndexLookup(new Document("_id", new Document("$eq", "c-1")))).isTrue();
    }

    @Test
    void everythingElseIsMatchedAsBefore() {
        assertThat(PatronH2Collection.isIndexLookup(new Document("_id", "c-1").append("owner", "x"))).isFalse();
        assertThat(PatronH2Collection.isIndexLookup(new Document("_id",
                new Document("$in", List.of("a")).append("$ne", "b")))).isFalse();
        assertThat(PatronH2Collection.isIndexLookup(new Document("_id", new Document("$gt", 5)))).isFalse();
        assertThat(PatronH2Collection.isIndexLookup(new Document("address", new Document("city", "Pawnee")))).isFalse();
        assertThat(PatronH2Collection.isIndexLookup(new Document("tags", List.of("a", "b")))).isFalse();
        assertThat(PatronH2Collection.isIndexLookup(new Document("name", Pattern.compile("^R")))).isFalse();
        assertThat(PatronH2Collection.isIndexLookup(new Document("$or", List.of()))).isFalse();
        assertThat(PatronH2Collection.isIndexLookup(new Document())).isFalse();
    }
}
