// The address form, for a new address and for changes; the API's limits and errors apply (shown next to the field).
import { h } from './dom.js';
import { field, formError, valueOf } from './forms.js';

const PARTS = [
  ['Label (home, work)', 'name', {}],
  ['First name', 'first_name', { required: true }],
  ['Last name', 'last_name', { required: true }],
  ['Company', 'company_name', {}],
  ['Phone number', 'phone_number', { type: 'tel' }],
  ['Address line 1', 'line_1', { required: true }],
  ['Address line 2', 'line_2', {}],
  ['City', 'city', {}],
  ['County', 'county', {}],
  ['Region', 'region', {}],
  ['Postcode', 'postcode', { required: true }],
  ['Country', 'country', { required: true, hint: 'Two letters (ISO 3166-1), such as GB or US.' }],
  ['Delivery instructions', 'instructions', { type: 'textarea' }],
];

export function addressForm(address, submitLabel) {
  return h('form', { novalidate: true },
    formError(),
    h('div', { class: 'grid' },
      PARTS.map(([label, name, options]) => field(label, name, { ...options, value: address?.[name] ?? '' }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)));
}

/** The parts to send: on creation those filled in; on a change every part (an emptied one as null keeps its value). */
export function addressAttributes(form) {
  const attributes = { type: 'address' };
  for (const [, name] of PARTS) {
    const value = valueOf(form, name).trim();
    if (value) attributes[name] = value;
  }
  return attributes;
}

/** An address on one line: "Ron Swanson, 1 Sycamore Lane, 47998 Pawnee, US". */
export function addressLine(address) {
  if (!address) return '';
  const person = [address.first_name, address.last_name].filter(Boolean).join(' ');
  const place = [address.postcode, address.city].filter(Boolean).join(' ');
  return [person, address.company_name, address.line_1, address.line_2, place, address.county, address.region,
    address.country].filter(Boolean).join(', ');
}
