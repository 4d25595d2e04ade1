package dev.patron.mongo;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;

/**
 * Single values in {@link ValueCodec}'s encoding and order: the keys of the collection data maps (a document's
 * {@code _id}, as the library gives it) and the values of the unique-index maps (the position, which is that key).
 */
final class ValueDataType extends BasicDataType<Object> {

    static final ValueDataType INSTANCE = new ValueDataType();

    private ValueDataType() {
    }

    @Override
    public int compare(Object a, Object b) {
        return ValueCodec.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        return 16 + ValueCodec.memory(value);
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        ValueCodec.write(buff, value);
    }

    @Override
    public Object read(ByteBuffer buff) {
        return ValueCodec.read(buff);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
