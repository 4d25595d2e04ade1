package dev.patron.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents of every BSON type the server accepts read back exactly, from the file after a restart too. */
class DocumentRoundTripTest {

    @TempDir
    Path temp;

    /** Every type mongo-java-server decodes and encodes without loss. */
    static BsonDocument everyType() {
        BsonDocument nested = new BsonDocument("level", new BsonInt32(2))
                .append("deeper", new BsonDocument("list", new BsonArray(List.of(new BsonArray(), new BsonDocument()))));
        return new BsonDocument("_id", new BsonObjectId(new ObjectId("65f0a1b2c3d4e5f600112233")))
                .append("string", new BsonString("plain"))
                .append("unicode", new BsonString("é 😀 \u0000 日本"))
                .append("empty", new BsonString(""))
                .append("int32", new BsonInt32(-7))
                .append("int32Max", new BsonInt32(Integer.MAX_VALUE))
                .append("int64", new BsonInt64(Long.MIN_VALUE))
                .append("int64Small", new BsonInt64(3))
                .append("double", new BsonDouble(3.25))
                .append("negativeZero", new BsonDouble(-0.0))
                .append("nan", new BsonDouble(Double.NaN))
                .append("infinity", new BsonDouble(Double.NEGATIVE_INFINITY))
                .append("true", BsonBoolean.TRUE)
                .append("false", BsonBoolean.FALSE)
                .append("null", BsonNull.VALUE)
                .append("date", new BsonDateTime(1_760_000_000_123L))
                .append("dateBefore1970", new BsonDateTime(-1_000_000_000_001L))
                .append("binary", new BsonBinary(new byte[]{0, 1, 2, (byte) 0xff}))
                .append("emptyBinary", new BsonBinary(new byte[0]))
                .append("uuid", new BsonBinary(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"), UuidRepresentation.STANDARD))
                .append("legacyUuid", new BsonBinary(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"), UuidRepresentation.JAVA_LEGACY))
                .append("objectId", new BsonObjectId(new ObjectId("000000000000000000000001")))
                .append("decimal", new BsonDecimal128(new Decimal128(new BigDecimal("12345.678900"))))
                .append("decimalNaN", new BsonDecimal128(Decimal128.NaN))
                .append("decimalNegativeZero", new BsonDecimal128(Decimal128.NEGATIVE_ZERO))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 42))
                .append("regex", new BsonRegularExpression("^a.*z$", "im"))
                .append("javascript", new BsonJavaScript("function() { return 1; }"))
                .append("minKey", new BsonMinKey())
                .append("maxKey", new BsonMaxKey())
                .append("nested", nested)
                .append("array", new BsonArray(List.<BsonValue>of(new BsonInt32(1), new BsonInt64(2), new BsonDouble(3.5),
                        new BsonString("four"), BsonNull.VALUE, new BsonDocument("five", new BsonInt32(5)),
                        new BsonArray(List.of(new BsonString("six"))), new BsonDateTime(7))))
                .append("sequenceKeys", new BsonArray(List.of(new BsonString("agg-1:0"), new BsonString("agg-1:1"))))
                .append("globalIndexes", new BsonArray(List.of(new BsonInt64(41), new BsonInt64(42))));
    }

    private static BsonDocument storeAndReadAfterRestart(Function<Path, TestServers.Running> server, Path directory,
                                                         BsonDocument document) {
        BsonDocument beforeRestart;
        try (TestServers.Running running = server.apply(directory)) {
            MongoCollection<BsonDocument> collection = running.client().getDatabase("patron").getCollection("types", BsonDocument.class);
            collection.insertOne(document);
            beforeRestart = collection.find(Filters.eq("_id", document.get("_id"))).first();
        }
        try (TestServers.Running running = server.apply(directory)) {
            MongoCollection<BsonDocument> collection = running.client().getDatabase("patron").getCollection("types", BsonDocument.class);
            BsonDocument afterRestart = collection.find(Filters.eq("_id", document.get("_id"))).first();
            assertThat(afterRestart).isEqualTo(beforeRestart);
            return afterRestart;
        }
    }

    @Test
    void everyTypeReadsBackExactlyAfterARestart() {
        BsonDocument document = everyType();
        BsonDocument read = storeAndReadAfterRestart(TestServers::ours, temp, document);
        assertThat(read).isEqualTo(document);
        // BsonDocument.equals compares doubles by value; NaN and -0.0 must keep their bits too.
        assertThat(Double.doubleToRawLongBits(read.getDouble("negativeZero").getValue()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(read.getDouble("nan").getValue()).isNaN();
        assertThat(List.copyOf(read.keySet())).containsExactlyElementsOf(document.keySet());
    }

    @Test
    void valuesTheServerChangesOnTheWayInChangeAsWithTheLibrarysBackend() {
        // mongo-java-server reads BSON undefined as null and user-defined binary as generic binary, in any backend.
        BsonDocument document = new BsonDocument("_id", new BsonInt32(1))
                .append("undefined", new org.bson.BsonUndefined())
                .append("userBinary", new BsonBinary(BsonBinarySubType.USER_DEFINED, new byte[]{9}));
        BsonDocument ours = storeAndReadAfterRestart(TestServers::ours, temp.resolve("ours"), document);
        BsonDocument original = storeAndReadAfterRestart(TestServers::original, temp.resolve("original"), document.clone());
        assertThat(ours).isEqualTo(original);
        assertThat(ours.get("undefined")).isEqualTo(BsonNull.VALUE);
    }

    @Test
    void everyTypeIsStoredAsByTheLibrarysBackend() {
        BsonDocument ours = storeAndReadAfterRestart(TestServers::ours, temp.resolve("ours"), everyType());
        BsonDocument original = storeAndReadAfterRestart(TestServers::original, temp.resolve("original"), everyType());
        assertThat(ours).isEqualTo(original);
    }
}
