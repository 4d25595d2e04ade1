package dev.patron.command.auth;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import dev.patron.kit.security.TokenSigner;
import org.bson.Document;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/**
 * The key access and customer tokens are signed with. Every command-service instance must sign with the same key
 * and keep it across restarts, so it lives in MongoDB: the first instance to start creates it, the others (even
 * one starting at the same moment) read that one.
 */
final class SigningKeys {

    static final String COLLECTION = "signing_keys";
    /** One well-known document id: the unique {@code _id} index is what makes concurrent creation safe. */
    static final String ACTIVE_KEY_ID = "active";

    private final MongoCollection<Document> keys;

    SigningKeys(MongoDatabase database) {
        this.keys = database.getCollection(COLLECTION);
    }

    ECKey activeKey() {
        Document stored = keys.find(Filters.eq("_id", ACTIVE_KEY_ID)).first();
        if (stored != null) {
            return parse(stored);
        }
        ECKey created = TokenSigner.generateSigningKey();
        try {
            keys.insertOne(new Document("_id", ACTIVE_KEY_ID)
                    .append("jwk", created.toJSONString())
                    .append("created_at", Date.from(Instant.now())));
            return created;
        } catch (MongoWriteException write) {
            if (write.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw write;
            }
            // Another instance stored its key between our read and our insert: sign with that one.
            return parse(keys.find(Filters.eq("_id", ACTIVE_KEY_ID)).first());
        }
    }

    static ECKey parse(String privateJwk) {
        try {
            ECKey key = ECKey.parse(privateJwk);
            if (!key.isPrivate() || key.getKeyID() == null || !Curve.P_256.equals(key.getCurve())) {
                throw new IllegalStateException("the signing key must be a private P-256 JWK with a kid");
            }
            return key;
        } catch (ParseException notAJwk) {
            throw new IllegalStateException("the signing key is not a JWK", notAJwk);
        }
    }

    private static ECKey parse(Document stored) {
        return parse(stored.getString("jwk"));
    }
}
