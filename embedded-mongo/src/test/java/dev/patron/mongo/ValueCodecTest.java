package dev.patron.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ValueCodecTest {

    /** One or more values of every class the library stores, including pairs that are close but not equal. */
    static List<Object> samples() {
        List<Object> values = new ArrayList<>(Arrays.asList(
                null, Missing.getInstance(), true, false,
                0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE,
                0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1,
                0.0, -0.0, 1.0, -1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                "", "a", "A", "ab", "é", "😀", "\uD800 unpaired", "\u0000nul", "x".repeat(1000),
                new ObjectId("0123456789abcdef01234567"), new ObjectId("0123456789abcdef01234568"),
                new ObjectId("ffffffffffffffffffffffff"),
                Instant.ofEpochMilli(0), Instant.ofEpochMilli(-86_400_000L), Instant.ofEpochMilli(1_760_000_000_123L),
                Instant.ofEpochSecond(1_760_000_000L, 123_456_789),
                new Document(), new Document("a", 1), new Document("a", 1L), new Document("a", 1).append("b", 2),
                new Document("b", 2).append("a", 1), new Document("a", new Document("b", List.of(1, 2))),
                new ArrayList<>(), new ArrayList<>(List.of(1)), new ArrayList<>(List.of(1, 2)), new ArrayList<>(List.of(2, 1)),
                new ArrayList<>(Arrays.asList(null, "x", new Document("k", "v"))),
                new BinData(new byte[0]), new BinData(new byte[]{1, 2, 3}), new BinData(new byte[]{1, 2, 4}),
                new BinData(new byte[]{(byte) 0xff}),
                UUID.fromString("11111111-2222-3333-4444-555555555555"), UUID.fromString("f1111111-2222-3333-4444-555555555555"),
                new LegacyUUID(1, 2), new LegacyUUID(1, 3),
                Decimal128.ONE, Decimal128.TWO, Decimal128.NaN, Decimal128.POSITIVE_ZERO, Decimal128.NEGATIVE_ZERO,
                Decimal128.POSITIVE_INFINITY, new Decimal128(new BigDecimal("1.0")), new Decimal128(new BigDecimal("1.00")),
                new BsonTimestamp(0), new BsonTimestamp(1), new BsonTimestamp(-1),
                MinKey.getInstance(), MaxKey.getInstance(),
                new BsonJavaScript("x"), new BsonJavaScript("y"), new BsonJavaScript(null),
                // Not produced by the wire decoder, but storable: they fall back to Java serialization.
                new LinkedHashSet<>(List.of(1, 2)), new LinkedHashSet<>(List.of(2, 1)), new Date(5), new Date(6),
                (short) 3, 3.5f, new BigDecimal("2.50")));
        return values;
    }

    static Object roundTrip(Object value) {
        WriteBuffer buffer = new WriteBuffer();
        ValueCodec.write(buffer, value);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        Object read = ValueCodec.read(bytes);
        assertThat(bytes.remaining()).as("bytes left after reading %s", value).isZero();
        return read;
    }

    @Test
    void everyValueReadsBackEqualAndOfTheSameClass() {
        for (Object value : samples()) {
            Object read = roundTrip(value);
            assertThat(read).as("%s", value).isEqualTo(value);
            if (value != null) {
                assertThat(read.getClass()).as("%s", value).isEqualTo(value.getClass());
            }
        }
        assertThat(Double.doubleToRawLongBits((Double) roundTrip(-0.0))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(roundTrip(Missing.getInstance())).isSameAs(Missing.getInstance());
        assertThat(roundTrip(MinKey.getInstance())).isSameAs(MinKey.getInstance());
        assertThat(roundTrip(MaxKey.getInstance())).isSameAs(MaxKey.getInstance());
        BsonRegularExpression regex = (BsonRegularExpression) roundTrip(new BsonRegularExpression("^a.*", "im"));
        assertThat(regex.getPattern()).isEqualTo("^a.*");
        assertThat(regex.getOptions()).isEqualTo("im");
        assertThat(((BsonRegularExpression) roundTrip(new BsonRegularExpression("b"))).getOptions()).isNull();
    }

    @Test
    void listsOfEveryClassReadBackAsEqualArrayLists() {
        List<Object> elements = List.of(1, "a");
        for (List<Object> list : List.<List<Object>>of(elements, Arrays.<Object>asList(1, "a"), new LinkedList<>(elements),
                new ArrayList<>(elements).subList(0, 1))) {
            assertThat(roundTrip(list)).isInstanceOf(ArrayList.class).isEqualTo(list);
        }
    }

    @Test
    void documentsKeepTheirKeyOrderAndNestedClasses() {
        Document document = new Document("z", 1).append("a", new Document("y", 2L).append("b", List.of(3.0, "s")));
        Document read = (Document) roundTrip(document);
        assertThat(new ArrayList<>(read.keySet())).containsExactly("z", "a");
        assertThat(new ArrayList<>(((Document) read.get("a")).keySet())).containsExactly("y", "b");
        assertThat(((Document) read.get("a")).get("y")).isInstanceOf(Long.class);
    }

    @Test
    void compareIsZeroExactlyWhenEqualAndATotalOrder() {
        List<Object> values = samples();
        values.add(roundTrip(new ObjectId("0123456789abcdef01234567")));
        values.add(ObjectDataType.deserialize(ObjectDataType.serialize(Missing.getInstance())));
        values.add(new ArrayList<>(List.of(1, 2)));
        values.add(List.of(1, 2));
        values.add(new Document("a", 1).append("b", 2));
        for (Object a : values) {
            for (Object b : values) {
                int ab = ValueCodec.compare(a, b);
                int ba = ValueCodec.compare(b, a);
                assertThat(Integer.signum(ab)).as("antisymmetric for %s, %s", a, b).isEqualTo(-Integer.signum(ba));
                boolean equal = a == null ? b == null : a.equals(b)
                        || a instanceof Missing && b instanceof Missing;
                assertThat(ab == 0).as("compare(%s, %s) == 0 iff equal", a, b).isEqualTo(equal);
                for (Object c : values) {
                    if (ab <= 0 && ValueCodec.compare(b, c) <= 0) {
                        assertThat(ValueCodec.compare(a, c)).as("transitive for %s, %s, %s", a, b, c).isLessThanOrEqualTo(0);
                    }
                }
            }
        }
    }

    @Test
    void keyValuesCompareValueByValueAndRoundTrip() {
        Random random = new Random(7);
        List<Object> values = samples();
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int size = 1 + random.nextInt(3);
            List<Object> parts = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                parts.add(values.get(random.nextInt(values.size())));
            }
            keys.add(new KeyValue(parts));
        }
        for (KeyValue a : keys) {
            WriteBuffer buffer = new WriteBuffer();
            KeyValueDataType.INSTANCE.write(buffer, a);
            ByteBuffer bytes = buffer.getBuffer();
            bytes.flip();
            assertThat(KeyValueDataType.INSTANCE.read(bytes)).isEqualTo(a);
            for (KeyValue b : keys) {
                assertThat(KeyValueDataType.INSTANCE.compare(a, b) == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
            }
        }
    }

    @Test
    void normalizedNumbersOfEqualValueAreOneKey() {
        // AbstractUniqueIndex normalizes keys (Utils.normalizeValue) before they reach the map: ints, longs and
        // doubles of equal value become the same Double, longs beyond 2^53 stay longs.
        KeyValue fromInt = new KeyValue(1).normalized();
        KeyValue fromLong = new KeyValue(1L).normalized();
        KeyValue fromDouble = new KeyValue(1.0).normalized();
        assertThat(KeyValueDataType.INSTANCE.compare(fromInt, fromLong)).isZero();
        assertThat(KeyValueDataType.INSTANCE.compare(fromInt, fromDouble)).isZero();
        KeyValue big = new KeyValue((1L << 53) + 1).normalized();
        KeyValue bigRounded = new KeyValue((double) ((1L << 53) + 1)).normalized();
        assertThat(big.get(0)).isInstanceOf(Long.class);
        assertThat(KeyValueDataType.INSTANCE.compare(big, bigRounded)).isNotZero();
        assertThat(KeyValueDataType.INSTANCE.compare(new KeyValue(-0.0).normalized(), new KeyValue(0).normalized())).isZero();
    }

    @Test
    void commonValuesAreCompact() {
        WriteBuffer buffer = new WriteBuffer();
        KeyValueDataType.INSTANCE.write(buffer, new KeyValue("agg-123:7"));
        assertThat(buffer.position()).isEqualTo(1 + 1 + 1 + 9);
        WriteBuffer serialized = new WriteBuffer();
        new ObjectDataType().write(serialized, new KeyValue("agg-123:7"));
        assertThat(serialized.position()).isGreaterThan(100);
    }
}
