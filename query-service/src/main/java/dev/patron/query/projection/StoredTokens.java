package dev.patron.query.projection;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

/**
 * The tokens a processor has stored, read without claiming them. With several instances of the query service, one
 * holds the projection's segment and the others only know how far it is from what it stored; a {@code TokenStore}
 * cannot tell them, as fetching a token from it claims the segment.
 */
@Component
class StoredTokens {

    private final MongoTemplate template;
    private final Serializer serializer;

    StoredTokens(MongoTemplate axonMongoTemplate, Serializer serializer) {
        this.template = axonMongoTemplate;
        this.serializer = serializer;
    }

    /** One per segment the processor has; {@code null} for a segment that has processed nothing yet. */
    List<TrackingToken> of(String processor) {
        List<TrackingToken> tokens = new ArrayList<>();
        // Field names as MongoTokenStore writes them; the collection holds a few documents per processor.
        for (Document stored : template.trackingTokensCollection().find(Filters.eq("processorName", processor))) {
            Object token = stored.get("token");
            byte[] bytes = token instanceof Binary binary ? binary.getData() : (byte[]) token;
            tokens.add(bytes == null ? null : serializer.deserialize(
                    new SimpleSerializedObject<>(bytes, byte[].class, stored.getString("tokenType"), null)));
        }
        return tokens;
    }
}
