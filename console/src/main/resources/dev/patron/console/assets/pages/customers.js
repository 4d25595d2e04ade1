// Customers: a search form that builds the API's filter (email, name, custom fields), sorting and paging, all kept
// in the route (#/customers?name=...) so that the back button and a new sign-in return to the same results; and the
// form that creates a customer.
import { h, fill, heading, instant, table, announce } from '../dom.js';
import { field, onSubmit, searchForm } from '../forms.js';
import { api } from '../api.js';
import { fieldsOf, customFieldInput } from '../custom-fields.js';
import { customerForm, customerAttributes } from '../customer-form.js';
import { pager } from '../paging.js';

const PAGE_SIZE = 20;
const SORTS = [
  ['-created_at', 'Newest first'], ['created_at', 'Oldest first'], ['name', 'Name A–Z'], ['-name', 'Name Z–A'],
  ['email', 'Email A–Z'], ['-email', 'Email Z–A'], ['-updated_at', 'Recently changed'],
];

/** The API filter for the search form's values: eq on email, like on name and on text fields, eq on the others. */
function customerFilter(query, definitions) {
  const terms = [];
  if (query.email) terms.push(`eq(email,${query.email.trim()})`);
  if (query.name) terms.push(`like(name,*${query.name.trim()}*)`);
  for (const definition of definitions) {
    const value = query[`cf.${definition.slug}`];
    if (!value) continue;
    terms.push(definition.field_type === 'string'
      ? `like(${definition.slug},*${value.trim()}*)`
      : `eq(${definition.slug},${value.trim()})`);
  }
  return terms.join(':');
}

export async function customersPage(content, { query }) {
  const definitions = await fieldsOf('customers');
  const offset = Number(query.offset ?? 0);
  const sort = query.sort ?? '-created_at';
  const search = searchForm('#/customers', 'Search customers', 'Search', [
    field('Email is', 'email', { type: 'email', value: query.email }),
    field('Name contains', 'name', { value: query.name }),
    definitions.map((definition) => {
      const input = customFieldInput(definition, query[`cf.${definition.slug}`], { forFilter: true });
      input.querySelector('[name]').name = `cf.${definition.slug}`;
      return input;
    }),
    field('Sort', 'sort', { type: 'select', value: sort, choices: SORTS }),
  ]);

  const results = h('section', { 'aria-labelledby': 'results-heading' });
  fill(content,
    h('div', { class: 'page-head' }, heading('Customers'),
      h('a', { href: '#/customers?new=1', class: 'button' }, 'New customer')),
    query.new ? newCustomer(definitions) : null,
    search,
    results);

  let answer;
  try {
    answer = await api('GET', '/v2/customers', {
      query: { filter: customerFilter(query, definitions), sort, 'page[limit]': PAGE_SIZE, 'page[offset]': offset },
    });
  } catch (error) {
    if (error.errors) {
      fill(results, h('h2', { id: 'results-heading' }, 'Results'),
        h('div', { class: 'alert', role: 'alert' }, `The search was refused: ${error.message}`));
      return;
    }
    throw error;
  }
  const total = answer.meta.results.total;
  fill(results,
    h('h2', { id: 'results-heading' }, `${total} customer${total === 1 ? '' : 's'}`),
    answer.data.length === 0 ? h('p', {}, 'No customer matches.') : table('Customers found',
      ['Name', 'Email', ...definitions.map((definition) => definition.name), 'Created'],
      answer.data.map((customer) => [
        h('a', { href: `#/customers/${encodeURIComponent(customer.id)}` }, customer.name),
        customer.email,
        ...definitions.map((definition) => formatValue(customer[definition.slug])),
        instant(customer.meta.timestamps.created_at),
      ])),
    pager(answer.meta.page, (newOffset) => {
      const next = new URLSearchParams({ ...query, offset: String(newOffset) });
      return `#/customers?${next}`;
    }));
}

/** A custom field's value as the tables show it. */
export function formatValue(value) {
  if (value === undefined || value === null) return '';
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  return String(value);
}

function newCustomer(definitions) {
  const form = customerForm(definitions, null);
  onSubmit(form, async () => {
    const { data } = await api('POST', '/v2/customers', {
      body: { data: { type: 'customer', ...customerAttributes(form, definitions, { creating: true }) } },
    });
    announce(`Customer ${data.name} created.`);
    location.hash = `#/customers/${encodeURIComponent(data.id)}`;
  });
  return h('section', { class: 'card', 'aria-labelledby': 'new-customer-heading' },
    h('h2', { id: 'new-customer-heading' }, 'New customer'),
    form);
}

