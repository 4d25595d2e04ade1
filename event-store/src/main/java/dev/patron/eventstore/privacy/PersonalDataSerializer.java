package dev.patron.eventstore.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A Jackson serializer that encrypts {@link dev.patron.events.privacy.PersonalData} properties with the data key of
 * the object's {@link dev.patron.events.privacy.DataSubjectId} on the way into the store, and decrypts them on the
 * way out. After the key is destroyed those properties read back as {@code null}; everything else (ids, types,
 * sequence numbers, timestamps) stays readable, so an audit replay still shows what happened and when.
 * <p>
 * Upcasters see the stored (encrypted) form, so they may move or rename personal properties but not read them.
 */
public class PersonalDataSerializer implements Serializer {

    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final PersonalDataCipher cipher;
    private final ClassValue<PersonalDataLayout> layouts = new ClassValue<>() {
        @Override
        protected PersonalDataLayout computeValue(Class<?> type) {
            return PersonalDataLayout.of(type);
        }
    };

    public PersonalDataSerializer(JacksonSerializer delegate, PersonalDataCipher cipher) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.cipher = cipher;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalDataLayout layout = object == null ? null : layouts.get(object.getClass());
        if (layout == null || !layout.hasPersonalData()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        String subjectId = subjectOf(tree, layout, object.getClass());
        for (String property : layout.personalProperties()) {
            JsonNode value = tree.get(property);
            if (value == null || value.isNull()) {
                continue;
            }
            Optional<String> sealed = cipher.encrypt(subjectId, property, toBytes(value));
            if (sealed.isPresent()) {
                tree.put(property, sealed.get());
            } else {
                tree.putNull(property);
            }
        }
        SerializedObject<JsonNode> serialized =
                new SimpleSerializedObject<>(tree, JsonNode.class, delegate.typeForClass(object.getClass()));
        return getConverter().convert(serialized, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        if (UnknownSerializedType.class.equals(type) || !layouts.get(type).hasPersonalData()) {
            return delegate.deserialize(serializedObject);
        }
        PersonalDataLayout layout = layouts.get(type);
        ObjectNode tree = getConverter().convert(serializedObject, JsonNode.class).getData().deepCopy();
        String subjectId = subjectOf(tree, layout, type);
        for (String property : layout.personalProperties()) {
            JsonNode value = tree.get(property);
            if (value == null || !value.isTextual() || !PersonalDataCipher.isEncrypted(value.textValue())) {
                continue;
            }
            Optional<byte[]> plain = cipher.decrypt(subjectId, property, value.textValue());
            if (plain.isPresent()) {
                tree.set(property, fromBytes(plain.get()));
            } else {
                tree.putNull(property);
            }
        }
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private static String subjectOf(JsonNode tree, PersonalDataLayout layout, Class<?> type) {
        JsonNode subject = tree.get(layout.subjectProperty());
        if (subject == null || subject.isNull()) {
            throw new IllegalStateException("A " + type.getSimpleName() + " without its data subject id cannot protect personal data");
        }
        return subject.asText();
    }

    private byte[] toBytes(JsonNode value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode fromBytes(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
