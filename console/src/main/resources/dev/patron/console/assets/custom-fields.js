// The store's custom fields on customers (the flow with slug `customers`): inputs for them in forms and filters, and
// their values converted to the JSON types the API takes.
import { api, ApiError } from './api.js';
import { field } from './forms.js';

/** The enabled fields of a flow (by slug), in their order; none while the store has not defined that flow. */
export async function fieldsOf(flowSlug) {
  let data;
  try {
    ({ data } = await api('GET', `/v2/flows/${encodeURIComponent(flowSlug)}/fields`));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
  return data.filter((definition) => definition.enabled)
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.slug.localeCompare(b.slug));
}

function choicesOf(definition) {
  const rule = definition.validation_rules.find((candidate) => candidate.type === 'enum');
  return Array.isArray(rule?.options) ? rule.options : null;
}

function describe(definition) {
  const rules = definition.validation_rules.map((rule) => {
    switch (rule.type) {
      case 'between': return `from ${rule.options?.from} to ${rule.options?.to}`;
      case 'min_length': return `at least ${rule.options?.length} characters`;
      case 'max_length': return `at most ${rule.options?.length} characters`;
      case 'email': return 'an email address';
      case 'slug': return 'letters, digits, - and _';
      default: return null;
    }
  }).filter(Boolean);
  return [definition.description, rules.length ? `Must be ${rules.join(', ')}.` : null].filter(Boolean).join(' ');
}

/** An input for a custom field's value (value: the stored one, or undefined). */
export function customFieldInput(definition, value, { forFilter = false } = {}) {
  const label = forFilter && definition.field_type === 'string' ? `${definition.name} contains` : definition.name;
  const options = { value: value ?? '', hint: forFilter ? null : describe(definition) || null };
  const choices = choicesOf(definition);
  if (definition.field_type === 'boolean') {
    return field(label, definition.slug, { ...options, type: 'select', value: value === undefined || value === null ? '' : String(value),
      choices: [['', forFilter ? 'Any' : 'Not set'], ['true', 'Yes'], ['false', 'No']] });
  }
  if (choices) {
    return field(label, definition.slug, { ...options, type: 'select',
      choices: [['', forFilter ? 'Any' : 'Not set'], ...choices.map((choice) => [choice, String(choice)])] });
  }
  switch (definition.field_type) {
    case 'integer': return field(label, definition.slug, { ...options, type: 'number', step: '1', inputmode: 'numeric' });
    case 'float': return field(label, definition.slug, { ...options, type: 'number', step: 'any', inputmode: 'decimal' });
    case 'date': return field(label, definition.slug, { ...options, type: 'date' });
    default: return field(label, definition.slug, { ...options, required: !forFilter && definition.required });
  }
}

/**
 * A value typed in a custom field's input, as the API takes it: null for an empty input; a number for a number field
 * when it reads as one (otherwise the text, so that the API's own error about it is shown next to the field).
 */
export function customFieldValue(definition, text) {
  if (text === '' || text === undefined) return null;
  switch (definition.field_type) {
    case 'boolean': return text === 'true';
    case 'integer':
    case 'float': {
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    }
    default: return text;
  }
}
