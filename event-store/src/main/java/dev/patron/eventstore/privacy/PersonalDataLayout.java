package dev.patron.eventstore.privacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Which JSON properties of a class are personal data, and which property names their owner. Only top-level
 * properties are encrypted, a nested object as one value. So a class with a field that is not marked itself but
 * whose declared type has marked fields (an aggregate's entity, in a snapshot) is refused, rather than stored with
 * those in clear.
 */
record PersonalDataLayout(String subjectProperty, List<String> personalProperties) {

    private static final PersonalDataLayout NONE = new PersonalDataLayout(null, List.of());

    static PersonalDataLayout of(Class<?> type) {
        String subject = null;
        List<String> personal = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(PersonalData.class)) {
                    personal.add(propertyName(field));
                } else if (!Modifier.isStatic(field.getModifiers()) && declaresPersonalData(field.getType())) {
                    throw new IllegalStateException(type.getName() + "." + field.getName() + " holds a "
                            + field.getType().getSimpleName() + ", which has @PersonalData fields: mark the field"
                            + " @PersonalData, or they would be stored in clear");
                }
                if (field.isAnnotationPresent(DataSubjectId.class)) {
                    if (subject != null) {
                        throw new IllegalStateException(type.getName() + " names more than one @DataSubjectId");
                    }
                    subject = propertyName(field);
                }
            }
        }
        if (personal.isEmpty()) {
            return NONE;
        }
        if (subject == null) {
            throw new IllegalStateException(type.getName() + " has @PersonalData but no @DataSubjectId field");
        }
        return new PersonalDataLayout(subject, List.copyOf(personal));
    }

    boolean hasPersonalData() {
        return !personalProperties.isEmpty();
    }

    private static boolean declaresPersonalData(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(PersonalData.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String propertyName(Field field) {
        JsonProperty renamed = field.getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName();
    }
}
