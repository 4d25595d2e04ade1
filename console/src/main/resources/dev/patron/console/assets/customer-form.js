// The customer form, for a new customer and for changes: name, email, external reference and the store's custom
// fields. The API validates (as it does for any client); its errors are shown next to the fields they name.
import { h } from './dom.js';
import { field, formError, valueOf } from './forms.js';
import { customFieldInput, customFieldValue } from './custom-fields.js';

export function customerForm(definitions, customer) {
  return h('form', { novalidate: true },
    formError(),
    h('div', { class: 'grid' },
      field('Name', 'name', { required: true, value: customer?.name, autocomplete: 'off' }),
      field('Email', 'email', { type: 'email', required: true, value: customer?.email }),
      customer ? null : field('Password', 'password', {
        type: 'password', autocomplete: 'new-password',
        hint: 'Optional: 8 to 128 characters. It is never shown again.',
      }),
      field('External reference', 'external_ref', {
        value: customer?.external_ref, hint: 'The store\'s own id for this customer, if any.',
      }),
      definitions.map((definition) => customFieldInput(definition, customer?.[definition.slug]))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, customer ? 'Save changes' : 'Create customer')));
}

/**
 * The attributes to send: on creation the fields filled in; on a change every field, an emptied custom field as null
 * (which removes its value) and an emptied external reference as "" is not sent (null leaves it as it is).
 */
export function customerAttributes(form, definitions, { creating }) {
  const attributes = { name: valueOf(form, 'name'), email: valueOf(form, 'email').trim() };
  const externalRef = valueOf(form, 'external_ref').trim();
  if (externalRef) attributes.external_ref = externalRef;
  if (creating && valueOf(form, 'password')) attributes.password = valueOf(form, 'password');
  for (const definition of definitions) {
    const value = customFieldValue(definition, valueOf(form, definition.slug));
    if (value !== null || !creating) attributes[definition.slug] = value;
  }
  return attributes;
}
