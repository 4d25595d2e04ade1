package dev.patron.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Inserting many documents whose unique {@code _id} is what reserves something (an email address, a data key), in
 * one round trip: every document whose {@code _id} is free is inserted, and the ones already taken are named, for
 * the caller to look at what holds them.
 */
public final class UniqueInserts {

    private UniqueInserts() {
    }

    /**
     * Inserts what it can of {@code documents} (unordered: a taken {@code _id} does not stop the others).
     *
     * @return the {@code _id}s that were taken already, in the order of {@code documents}
     * @throws MongoBulkWriteException for any failure other than a taken {@code _id}
     */
    public static List<String> insertNew(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
            return List.of();
        } catch (MongoBulkWriteException partly) {
            List<String> taken = new ArrayList<>();
            for (var error : partly.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw partly;
                }
                taken.add(documents.get(error.getIndex()).getString("_id"));
            }
            return taken;
        }
    }
}
