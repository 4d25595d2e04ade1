package dev.patron.mongo;

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
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A compact binary encoding, and a total order, for the values mongo-java-server keeps in documents, index keys
 * and document positions.
 *
 * <p>Every value is written as a one-byte tag followed by its payload. The classes the library produces are encoded
 * natively and decode to an object of the same class that is {@code equals} to the original (the singletons
 * {@link Missing}, {@link MinKey} and {@link MaxKey} decode to their single instance). Every {@link List} (the
 * library builds them with {@code Collectors.toList()}, {@code List.of}, {@code Arrays.asList}) decodes as an
 * {@code ArrayList} with equal elements, which is also what the library's own BSON decoder gives for an array. Any
 * other object, for instance a {@code LinkedHashSet} left by an aggregation stage or a {@code java.util.Date}, is
 * written under its own tag with Java serialization, exactly as H2's {@code ObjectDataType} did, so nothing that
 * could be stored before is lost or changed now.
 *
 * <p>{@link #compare} never serializes for the native classes. It is consistent with {@code equals}: it returns 0
 * exactly when the two values are equal, with two exceptions inherited from the library's classes: a
 * {@link BsonRegularExpression} has no {@code equals} of its own, and two of them with the same pattern and
 * options compare as equal (as their serialized forms did under {@code ObjectDataType}); and two objects of a
 * foreign class that are not {@code equals} but serialize to the same bytes compare as equal, as they did before.
 * The order across classes follows H2's {@code ObjectDataType} where it is defined there (null, booleans, ints,
 * longs, doubles, strings, UUIDs, then everything else), so an unsorted {@code find} on a collection whose
 * {@code _id}s are of one of those types returns documents in the same order as before.
 */
final class ValueCodec {

    static final byte NULL = 0;
    static final byte MISSING = 1;
    static final byte FALSE = 2;
    static final byte TRUE = 3;
    static final byte INT32 = 4;
    static final byte INT64 = 5;
    static final byte DOUBLE = 6;
    static final byte STRING = 7;
    static final byte OBJECT_ID = 8;
    static final byte DATE = 9;
    static final byte DOCUMENT = 10;
    static final byte ARRAY = 11;
    static final byte BIN_DATA = 12;
    static final byte UUID_TAG = 13;
    static final byte LEGACY_UUID = 14;
    static final byte DECIMAL128 = 15;
    static final byte TIMESTAMP = 16;
    static final byte REGEX = 17;
    static final byte MIN_KEY = 18;
    static final byte MAX_KEY = 19;
    static final byte JAVASCRIPT = 20;
    static final byte SERIALIZED = 127;

    // Ranks for the order across classes; lists of any class share one rank, as List.equals does.
    private static final int RANK_NULL = 0;
    private static final int RANK_BOOLEAN = 1;
    private static final int RANK_INT32 = 2;
    private static final int RANK_INT64 = 3;
    private static final int RANK_DOUBLE = 4;
    private static final int RANK_STRING = 5;
    private static final int RANK_UUID = 6;
    private static final int RANK_MISSING = 7;
    private static final int RANK_MIN_KEY = 8;
    private static final int RANK_OBJECT_ID = 9;
    private static final int RANK_DATE = 10;
    private static final int RANK_DOCUMENT = 11;
    private static final int RANK_LIST = 12;
    private static final int RANK_BIN_DATA = 13;
    private static final int RANK_LEGACY_UUID = 14;
    private static final int RANK_DECIMAL128 = 15;
    private static final int RANK_TIMESTAMP = 16;
    private static final int RANK_REGEX = 17;
    private static final int RANK_JAVASCRIPT = 18;
    private static final int RANK_MAX_KEY = 19;
    private static final int RANK_OTHER = 20;

    private ValueCodec() {
    }

    // ------------------------------------------------------------------ writing

    static void write(WriteBuffer buff, Object value) {
        if (value == null) {
            buff.put(NULL);
        } else if (value instanceof String) {
            buff.put(STRING);
            writeString(buff, (String) value);
        } else if (value instanceof Integer) {
            buff.put(INT32).putVarInt(zigZag((Integer) value));
        } else if (value instanceof Long) {
            buff.put(INT64).putVarLong(zigZag((Long) value));
        } else if (value instanceof Double) {
            buff.put(DOUBLE).putLong(Double.doubleToRawLongBits((Double) value));
        } else if (value instanceof Boolean) {
            buff.put((Boolean) value ? TRUE : FALSE);
        } else if (value instanceof Document) {
            Document document = (Document) value;
            buff.put(DOCUMENT).putVarInt(document.size());
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                writeString(buff, entry.getKey());
                write(buff, entry.getValue());
            }
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            buff.put(ARRAY).putVarInt(list.size());
            for (Object element : list) {
                write(buff, element);
            }
        } else if (value.getClass() == ObjectId.class) {
            buff.put(OBJECT_ID).put(((ObjectId) value).toByteArray());
        } else if (value instanceof Instant) {
            Instant instant = (Instant) value;
            buff.put(DATE).putVarLong(zigZag(instant.getEpochSecond())).putVarInt(instant.getNano());
        } else if (value instanceof Missing) {
            buff.put(MISSING);
        } else if (value instanceof BinData) {
            byte[] data = ((BinData) value).getData();
            buff.put(BIN_DATA).putVarInt(data.length).put(data);
        } else if (value instanceof UUID) {
            UUID uuid = (UUID) value;
            buff.put(UUID_TAG).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        } else if (value instanceof LegacyUUID) {
            UUID uuid = ((LegacyUUID) value).getUuid();
            buff.put(LEGACY_UUID).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        } else if (value instanceof Decimal128) {
            Decimal128 decimal = (Decimal128) value;
            buff.put(DECIMAL128).putLong(decimal.getLow()).putLong(decimal.getHigh());
        } else if (value instanceof BsonTimestamp) {
            buff.put(TIMESTAMP).putLong(((BsonTimestamp) value).getValue());
        } else if (value.getClass() == BsonRegularExpression.class) {
            BsonRegularExpression regex = (BsonRegularExpression) value;
            buff.put(REGEX);
            writeNullableString(buff, regex.getPattern());
            writeNullableString(buff, regex.getOptions());
        } else if (value.getClass() == MinKey.class) {
            buff.put(MIN_KEY);
        } else if (value.getClass() == MaxKey.class) {
            buff.put(MAX_KEY);
        } else if (value instanceof BsonJavaScript) {
            buff.put(JAVASCRIPT);
            writeNullableString(buff, ((BsonJavaScript) value).getCode());
        } else {
            byte[] serialized = ObjectDataType.serialize(value);
            buff.put(SERIALIZED).putVarInt(serialized.length).put(serialized);
        }
    }

    private static void writeString(WriteBuffer buff, String value) {
        int length = value.length();
        // H2's string data keeps every char (an unpaired surrogate too), which UTF-8 would not.
        buff.putVarInt(length).putStringData(value, length);
    }

    private static void writeNullableString(WriteBuffer buff, String value) {
        if (value == null) {
            buff.putVarInt(0);
        } else {
            int length = value.length();
            buff.putVarInt(length + 1).putStringData(value, length);
        }
    }

    private static int zigZag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    // ------------------------------------------------------------------ reading

    static Object read(ByteBuffer buff) {
        byte tag = buff.get();
        switch (tag) {
            case NULL:
                return null;
            case MISSING:
                return Missing.getInstance();
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case INT32:
                return Integer.valueOf(unZigZag(DataUtils.readVarInt(buff)));
            case INT64:
                return Long.valueOf(unZigZag(DataUtils.readVarLong(buff)));
            case DOUBLE:
                return Double.valueOf(Double.longBitsToDouble(buff.getLong()));
            case STRING:
                return readString(buff);
            case OBJECT_ID: {
                byte[] bytes = new byte[12];
                buff.get(bytes);
                return new ObjectId(bytes);
            }
            case DATE: {
                long seconds = unZigZag(DataUtils.readVarLong(buff));
                return Instant.ofEpochSecond(seconds, DataUtils.readVarInt(buff));
            }
            case DOCUMENT: {
                int size = DataUtils.readVarInt(buff);
                Document document = new Document();
                for (int i = 0; i < size; i++) {
                    String key = readString(buff);
                    document.put(key, read(buff));
                }
                return document;
            }
            case ARRAY: {
                int size = DataUtils.readVarInt(buff);
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(read(buff));
                }
                return list;
            }
            case BIN_DATA: {
                byte[] data = new byte[DataUtils.readVarInt(buff)];
                buff.get(data);
                return new BinData(data);
            }
            case UUID_TAG:
                return new UUID(buff.getLong(), buff.getLong());
            case LEGACY_UUID:
                return new LegacyUUID(buff.getLong(), buff.getLong());
            case DECIMAL128:
                return new Decimal128(buff.getLong(), buff.getLong());
            case TIMESTAMP:
                return new BsonTimestamp(buff.getLong());
            case REGEX: {
                String pattern = readNullableString(buff);
                return new BsonRegularExpression(pattern, readNullableString(buff));
            }
            case MIN_KEY:
                return MinKey.getInstance();
            case MAX_KEY:
                return MaxKey.getInstance();
            case JAVASCRIPT:
                return new BsonJavaScript(readNullableString(buff));
            case SERIALIZED: {
                byte[] serialized = new byte[DataUtils.readVarInt(buff)];
                buff.get(serialized);
                return ObjectDataType.deserialize(serialized);
            }
            default:
                throw new IllegalStateException("Unknown value tag " + tag + " at position " + (buff.position() - 1));
        }
    }

    private static String readString(ByteBuffer buff) {
        return DataUtils.readString(buff, DataUtils.readVarInt(buff));
    }

    private static String readNullableString(ByteBuffer buff) {
        int lengthPlusOne = DataUtils.readVarInt(buff);
        return lengthPlusOne == 0 ? null : DataUtils.readString(buff, lengthPlusOne - 1);
    }

    private static int unZigZag(int value) {
        return (value >>> 1) ^ -(value & 1);
    }

    private static long unZigZag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    // ------------------------------------------------------------------ comparing

    private static int rank(Object value) {
        if (value == null) {
            return RANK_NULL;
        } else if (value instanceof String) {
            return RANK_STRING;
        } else if (value instanceof Double) {
            return RANK_DOUBLE;
        } else if (value instanceof Long) {
            return RANK_INT64;
        } else if (value instanceof Integer) {
            return RANK_INT32;
        } else if (value instanceof Boolean) {
            return RANK_BOOLEAN;
        } else if (value.getClass() == ObjectId.class) {
            return RANK_OBJECT_ID;
        } else if (value instanceof Document) {
            return RANK_DOCUMENT;
        } else if (value instanceof List) {
            return RANK_LIST;
        } else if (value instanceof Instant) {
            return RANK_DATE;
        } else if (value instanceof UUID) {
            return RANK_UUID;
        } else if (value instanceof Missing) {
            return RANK_MISSING;
        } else if (value instanceof BinData) {
            return RANK_BIN_DATA;
        } else if (value instanceof LegacyUUID) {
            return RANK_LEGACY_UUID;
        } else if (value instanceof Decimal128) {
            return RANK_DECIMAL128;
        } else if (value instanceof BsonTimestamp) {
            return RANK_TIMESTAMP;
        } else if (value.getClass() == BsonRegularExpression.class) {
            return RANK_REGEX;
        } else if (value.getClass() == MinKey.class) {
            return RANK_MIN_KEY;
        } else if (value.getClass() == MaxKey.class) {
            return RANK_MAX_KEY;
        } else if (value instanceof BsonJavaScript) {
            return RANK_JAVASCRIPT;
        } else {
            return RANK_OTHER;
        }
    }

    /** A total order over stored values; 0 exactly when the values are equal (see the class comment). */
    @SuppressWarnings("unchecked")
    static int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        int rankA = rank(a);
        int rankB = rank(b);
        if (rankA != rankB) {
            return Integer.compare(rankA, rankB);
        }
        switch (rankA) {
            case RANK_STRING:
                return ((String) a).compareTo((String) b);
            case RANK_DOUBLE:
                return Double.compare((Double) a, (Double) b);
            case RANK_INT64:
                return Long.compare((Long) a, (Long) b);
            case RANK_INT32:
                return Integer.compare((Integer) a, (Integer) b);
            case RANK_BOOLEAN:
                return Boolean.compare((Boolean) a, (Boolean) b);
            case RANK_OBJECT_ID:
                return ((ObjectId) a).compareTo((ObjectId) b);
            case RANK_DOCUMENT:
                return compareDocuments((Document) a, (Document) b);
            case RANK_LIST:
                return compareLists((List<Object>) a, (List<Object>) b);
            case RANK_DATE:
                return ((Instant) a).compareTo((Instant) b);
            case RANK_UUID:
                return ((UUID) a).compareTo((UUID) b);
            case RANK_BIN_DATA:
                return Arrays.compare(((BinData) a).getData(), ((BinData) b).getData());
            case RANK_LEGACY_UUID:
                return ((LegacyUUID) a).getUuid().compareTo(((LegacyUUID) b).getUuid());
            case RANK_DECIMAL128: {
                Decimal128 x = (Decimal128) a;
                Decimal128 y = (Decimal128) b;
                int byHigh = Long.compare(x.getHigh(), y.getHigh());
                return byHigh != 0 ? byHigh : Long.compare(x.getLow(), y.getLow());
            }
            case RANK_TIMESTAMP:
                return Long.compareUnsigned(((BsonTimestamp) a).getValue(), ((BsonTimestamp) b).getValue());
            case RANK_REGEX: {
                BsonRegularExpression x = (BsonRegularExpression) a;
                BsonRegularExpression y = (BsonRegularExpression) b;
                int byPattern = compareNullableStrings(x.getPattern(), y.getPattern());
                return byPattern != 0 ? byPattern : compareNullableStrings(x.getOptions(), y.getOptions());
            }
            case RANK_JAVASCRIPT:
                return compareNullableStrings(((BsonJavaScript) a).getCode(), ((BsonJavaScript) b).getCode());
            case RANK_MISSING:
            case RANK_MIN_KEY:
            case RANK_MAX_KEY:
                // Singletons, but Java deserialization (of files written by H2's ObjectDataType) makes new instances.
                return 0;
            case RANK_NULL:
                return 0;
            default:
                return compareForeign(a, b);
        }
    }

    private static int compareDocuments(Document a, Document b) {
        Iterator<Map.Entry<String, Object>> left = a.entrySet().iterator();
        Iterator<Map.Entry<String, Object>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, Object> x = left.next();
            Map.Entry<String, Object> y = right.next();
            int byKey = x.getKey().compareTo(y.getKey());
            if (byKey != 0) {
                return byKey;
            }
            int byValue = compare(x.getValue(), y.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    private static int compareLists(List<Object> a, List<Object> b) {
        Iterator<Object> left = a.iterator();
        Iterator<Object> right = b.iterator();
        while (left.hasNext() && right.hasNext()) {
            int byElement = compare(left.next(), right.next());
            if (byElement != 0) {
                return byElement;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareForeign(Object a, Object b) {
        int byClass = a.getClass().getName().compareTo(b.getClass().getName());
        if (byClass != 0) {
            return byClass;
        }
        if (a.equals(b)) {
            return 0;
        }
        if (a instanceof Comparable) {
            int byNaturalOrder = ((Comparable) a).compareTo(b);
            if (byNaturalOrder != 0) {
                return byNaturalOrder;
            }
        }
        return Arrays.compareUnsigned(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
    }

    private static int compareNullableStrings(String a, String b) {
        if (Objects.equals(a, b)) {
            return 0;
        } else if (a == null) {
            return -1;
        } else if (b == null) {
            return 1;
        }
        return a.compareTo(b);
    }

    // ------------------------------------------------------------------ memory estimate

    /** A rough estimate of the heap used by a value, for the MVStore's cache accounting and page splits. */
    static int memory(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Missing) {
            return 0;
        } else if (value instanceof String) {
            return 40 + 2 * ((String) value).length();
        } else if (value instanceof Number || value instanceof Instant) {
            return 24;
        } else if (value instanceof Document) {
            int memory = 80;
            for (Map.Entry<String, Object> entry : ((Document) value).entrySet()) {
                memory += 40 + 40 + 2 * entry.getKey().length() + memory(entry.getValue());
            }
            return memory;
        } else if (value instanceof List) {
            int memory = 40;
            for (Object element : (List<?>) value) {
                memory += 8 + memory(element);
            }
            return memory;
        } else if (value instanceof BinData) {
            return 32 + ((BinData) value).getData().length;
        } else {
            return 64;
        }
    }
}
