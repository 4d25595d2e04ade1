package dev.patron.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys of the unique-index maps: a count and the index key's values in {@link ValueCodec}'s encoding, ordered
 * value by value with {@link ValueCodec#compare}. H2's default {@code ObjectDataType} compared these keys by Java
 * serializing both on every comparison, because {@link KeyValue} is not {@code Comparable}.
 */
final class KeyValueDataType extends BasicDataType<KeyValue> {

    static final KeyValueDataType INSTANCE = new KeyValueDataType();

    private KeyValueDataType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int sizeA = a.size();
        int sizeB = b.size();
        int common = Math.min(sizeA, sizeB);
        for (int i = 0; i < common; i++) {
            int byValue = ValueCodec.compare(a.get(i), b.get(i));
            if (byValue != 0) {
                return byValue;
            }
        }
        return Integer.compare(sizeA, sizeB);
    }

    @Override
    public int getMemory(KeyValue keyValue) {
        int memory = 48;
        for (Object value : keyValue) {
            memory += 8 + ValueCodec.memory(value);
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buff, KeyValue keyValue) {
        buff.putVarInt(keyValue.size());
        for (Object value : keyValue) {
            ValueCodec.write(buff, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buff) {
        int size = DataUtils.readVarInt(buff);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(ValueCodec.read(buff));
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
