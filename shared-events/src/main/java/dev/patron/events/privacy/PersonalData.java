package dev.patron.events.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of an event (or of a snapshotted aggregate) as personal data of the subject named by
 * {@link DataSubjectId}. The event store encrypts such fields with that subject's data key, so destroying the
 * key erases them from every stored event while the rest of the event stays readable for audit.
 * A consumer reading an erased event sees {@code null} in these fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface PersonalData {
}
