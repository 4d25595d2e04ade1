package dev.patron.mongo;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;

/**
 * Documents, the values of the collection data maps, in {@link ValueCodec}'s encoding instead of Java
 * serialization (which wrote each document's class descriptors, and cost most of the time of writing and reading
 * pages).
 */
final class DocumentDataType extends BasicDataType<Document> {

    static final DocumentDataType INSTANCE = new DocumentDataType();

    private DocumentDataType() {
    }

    @Override
    public int compare(Document a, Document b) {
        return ValueCodec.compare(a, b);
    }

    @Override
    public int getMemory(Document document) {
        return ValueCodec.memory(document);
    }

    @Override
    public void write(WriteBuffer buff, Document document) {
        ValueCodec.write(buff, document);
    }

    @Override
    public Document read(ByteBuffer buff) {
        Object value = ValueCodec.read(buff);
        if (!(value instanceof Document)) {
            throw new IllegalStateException("Expected a document but read " + (value == null ? null : value.getClass()));
        }
        return (Document) value;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
