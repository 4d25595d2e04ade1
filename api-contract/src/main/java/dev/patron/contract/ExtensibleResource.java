package dev.patron.contract;

import java.util.List;
import java.util.Map;

/**
 * A resource the store can extend with custom fields (a flow whose slug names it): they are further top-level
 * attributes of it, keyed by slug, and {@code meta.custom_field_problems} lists stored values their field no longer
 * accepts.
 *
 * @param <R> the resource itself
 */
public interface ExtensibleResource<R extends ExtensibleResource<R>> {

    /** The same resource showing these custom field values, in their fields' order. */
    R withCustomFields(Map<String, Object> values, List<CustomFieldProblem> problems);
}
