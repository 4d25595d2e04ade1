package dev.patron.customfields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom field values of one resource as its events carry them, by slug: those of fields that are personal data
 * (encrypted under the customer's key) and those of fields defined as not personal. Which map a value goes to is
 * decided when it is set, by its field's definition then.
 */
public record CustomValues(Map<String, Object> personal, Map<String, Object> inClear) {

    public static final CustomValues NONE = new CustomValues(Map.of(), Map.of());

    /** As events give them back: a map erased with its data key reads as {@code null}, i.e. empty. */
    public CustomValues {
        personal = FieldValues.stored(personal);
        inClear = FieldValues.stored(inClear);
    }

    /** A value given moves to the map its field's definition says; a {@code null} one is removed from both. */
    public CustomValues changedBy(List<FieldValues.Change> changes) {
        Map<String, Object> newPersonal = new LinkedHashMap<>(personal);
        Map<String, Object> newInClear = new LinkedHashMap<>(inClear);
        for (FieldValues.Change change : changes == null ? List.<FieldValues.Change>of() : changes) {
            newPersonal.remove(change.slug());
            newInClear.remove(change.slug());
            if (change.value() != null) {
                (change.personalData() ? newPersonal : newInClear).put(change.slug(), change.value());
            }
        }
        return new CustomValues(newPersonal, newInClear);
    }

    /** Every value, personal or not: what a read shows and filters on. */
    public Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>(personal);
        all.putAll(inClear);
        return all;
    }
}
