// One customer: details (editable), password, deletion with erasure; addresses; orders; the history timeline; and
// the "state at" picker, which shows the customer and their addresses as they were at an instant (#/customers/<id>?at=).
import { h, fill, heading, instant, table, announce, alertBox, confirmDialog, details } from '../dom.js';
import { field, formError, onSubmit, valueOf } from '../forms.js';
import { api, ApiError, SessionEnded } from '../api.js';
import { fieldsOf } from '../custom-fields.js';
import { customerForm, customerAttributes } from '../customer-form.js';
import { addressForm, addressAttributes, addressLine } from '../address-form.js';
import { ordersTable, orderItemsTable, orderActions } from '../orders-view.js';
import { formatValue } from './customers.js';

const HISTORY_PAGE_SIZE = 100;

export async function customerPage(content, { parameters: [id], query }) {
  const path = `/v2/customers/${encodeURIComponent(id)}`;
  const at = query.at || null;
  const definitions = await fieldsOf('customers');
  let customer = null;
  try {
    ({ data: customer } = await api('GET', path, { query: { at } }));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  // After a change the page is drawn anew; focus goes back to its heading rather than being lost with the old content.
  const reload = async () => {
    await customerPage(content, { parameters: [id], query });
    content.querySelector('h1')?.focus();
  };

  if (!customer) {
    // A deleted customer's history still answers, redacted: the reason to come here after an erasure.
    fill(content,
      heading(at ? 'Customer not found at that instant' : 'Customer deleted or not found'),
      h('p', {}, at ? 'This customer did not exist yet at that instant, or the id is wrong.'
        : 'No customer has this id now. If they were deleted, their history below still shows what happened, '
          + 'with their personal data erased.'),
      at ? statePicker(id, at) : null,
      await historySection(id, path));
    return;
  }

  fill(content,
    h('p', {}, h('a', { href: '#/customers' }, 'All customers')),
    heading(customer.name ?? 'Customer'),
    statePicker(id, at),
    at ? h('div', { class: 'notice', role: 'note' }, 'Showing the customer as they were at ', instant(at),
      '. A past state cannot be changed: ', h('a', { href: `#/customers/${encodeURIComponent(id)}` }, 'back to now'), '.')
      : null,
    h('section', { class: 'card', 'aria-labelledby': 'details-heading' },
      h('h2', { id: 'details-heading' }, 'Details'),
      details([
        ['Email', customer.email],
        ['External reference', customer.external_ref ?? '—'],
        ['Password', customer.password ? 'Set' : 'Not set'],
        ...definitions.map((definition) => [definition.name, formatValue(customer[definition.slug]) || '—']),
        ['Created', instant(customer.meta.timestamps.created_at)],
        ['Changed', instant(customer.meta.timestamps.updated_at)],
        ['Id', h('code', {}, customer.id)],
      ]),
      customer.meta.custom_field_problems?.length ? alertBox(customer.meta.custom_field_problems
        .map((problem) => `${problem.field}: ${problem.detail}`).join('; ')) : null,
      at ? null : [editDetails(path, customer, definitions, reload), setPassword(path), deleteCustomer(path, customer, reload)]),
    await addressesSection(path, at, reload),
    at ? null : await ordersSection(id, reload),
    await historySection(id, path));
}

function statePicker(id, at) {
  const form = h('form', { class: 'card state-at', 'aria-label': 'State at an instant' },
    formError(),
    field('Show the customer as they were at', 'at', {
      type: 'datetime-local', step: '0.001', value: at ? toLocalInput(at) : '',
      hint: 'Your local time. Leave empty for now.',
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show state')));
  onSubmit(form, async () => {
    const value = valueOf(form, 'at');
    const route = `#/customers/${encodeURIComponent(id)}`;
    location.hash = value ? `${route}?at=${encodeURIComponent(new Date(value).toISOString())}` : route;
  });
  return form;
}

/** An ISO instant as a datetime-local input's value, in local time, to the millisecond. */
function toLocalInput(iso) {
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 23);
}

function editDetails(path, customer, definitions, reload) {
  const form = customerForm(definitions, customer);
  onSubmit(form, async () => {
    await api('PUT', path, { body: { data: { type: 'customer', ...customerAttributes(form, definitions, { creating: false }) } } });
    announce('Changes saved.');
    await reload();
  });
  return h('details', {}, h('summary', {}, 'Edit details'), form);
}

function setPassword(path) {
  const form = h('form', { novalidate: true },
    formError(),
    field('New password', 'password', {
      type: 'password', required: true, autocomplete: 'new-password',
      hint: '8 to 128 characters. It is stored hashed and never shown again.',
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Set password')));
  onSubmit(form, async () => {
    await api('PUT', path, { body: { data: { type: 'customer', password: valueOf(form, 'password') } } });
    form.reset();
    announce('Password set. It is not shown again.');
  });
  return h('details', {}, h('summary', {}, 'Set a password'), form);
}

function deleteCustomer(path, customer, reload) {
  return h('div', { class: 'actions' }, h('button', {
    type: 'button', class: 'danger',
    onclick: async () => {
      const confirmed = await confirmDialog({
        title: `Delete ${customer.name}?`,
        body: [
          h('p', {}, 'Deleting erases this customer\'s personal data for good: their name, email, password, '
            + 'addresses and custom fields, and the buyer and addresses on their orders.'),
          h('p', {}, 'Their orders stay (without personal data), and their history keeps what happened and when, '
            + 'with the personal data redacted. This cannot be undone.'),
        ],
        confirmLabel: 'Delete and erase',
      });
      if (!confirmed) return;
      await api('DELETE', path);
      announce('Customer deleted and their personal data erased.');
      await reload();
    },
  }, 'Delete customer…'));
}

async function addressesSection(path, at, reload) {
  const { data: addresses } = await api('GET', `${path}/addresses`, { query: { at, 'page[limit]': 100 } });
  const section = h('section', { class: 'card', 'aria-labelledby': 'addresses-heading' },
    h('h2', { id: 'addresses-heading' }, at ? 'Addresses then' : 'Addresses'),
    addresses.length === 0 ? h('p', {}, 'No addresses.') : h('ul', { class: 'addresses' },
      addresses.map((address) => h('li', {},
        h('p', {}, address.name ? h('strong', {}, `${address.name}: `) : null, addressLine(address)),
        at ? null : addressActions(path, address, reload)))));
  if (!at) {
    const form = addressForm(null, 'Add address');
    onSubmit(form, async () => {
      await api('POST', `${path}/addresses`, { body: { data: addressAttributes(form) } });
      announce('Address added.');
      await reload();
    });
    section.append(h('details', {}, h('summary', {}, 'Add an address'), form));
  }
  return section;
}

function addressActions(path, address, reload) {
  const addressPath = `${path}/addresses/${encodeURIComponent(address.id)}`;
  const label = address.name || address.line_1;
  const form = addressForm(address, 'Save address');
  onSubmit(form, async () => {
    await api('PUT', addressPath, { body: { data: addressAttributes(form) } });
    announce('Address saved.');
    await reload();
  });
  return h('div', {},
    h('details', {}, h('summary', {}, `Edit address ${label}`), form),
    h('button', {
      type: 'button', class: 'secondary',
      onclick: async () => {
        const confirmed = await confirmDialog({
          title: 'Delete this address?', body: h('p', {}, addressLine(address)), confirmLabel: 'Delete address',
        });
        if (!confirmed) return;
        await api('DELETE', addressPath);
        announce('Address deleted.');
        await reload();
      },
    }, `Delete address ${label}`));
}

async function ordersSection(id, reload) {
  const { data: orders } = await api('GET', '/v2/orders', {
    query: { filter: `eq(customer_id,${id})`, 'page[limit]': 25 },
  });
  return h('section', { class: 'card', 'aria-labelledby': 'orders-heading' },
    h('h2', { id: 'orders-heading' }, 'Orders'),
    orders.length === 0 ? h('p', {}, 'No orders.') : [
      ordersTable('Orders of this customer', orders),
      ...await Promise.all(orders.map(async (order) => h('div', { class: 'order' },
        await orderItemsTable(order),
        orderActions(order, reload)))),
    ]);
}

/**
 * After a deletion, the history is read again for this long: a process other than the one that erased (in the
 * services layout, the query service) may use the customer's and their orders' data keys from memory for up to
 * patron.privacy.key-cache-ttl (30 s by default), so their personal data may show until then.
 */
const ERASURE_WINDOW_MILLISECONDS = 35_000;
const ERASURE_RECHECK_MILLISECONDS = 2000;

async function historySection(id, path) {
  const history = await api('GET', `${path}/history`, { query: { 'page[limit]': HISTORY_PAGE_SIZE } });
  const erased = history.meta.personal_data_erased;
  const deletion = history.data.find((entry) => entry.type === 'customer.deleted');
  const erasing = deletion !== undefined && Date.now() - Date.parse(deletion.occurred_at) < ERASURE_WINDOW_MILLISECONDS;
  const route = `#/customers/${encodeURIComponent(id)}`;
  const section = h('section', { class: 'card', 'aria-labelledby': 'history-heading' },
    h('h2', { id: 'history-heading' }, 'History'),
    erased ? h('div', { class: 'notice', role: 'note' },
      'This customer\'s personal data was erased: it shows as “redacted” below.') : null,
    erasing ? h('div', { class: 'notice', role: 'note' },
      'This customer was just deleted: the erasure of their personal data reaches every part of Patron within '
      + 'half a minute, and this history is read again until then.') : null,
    history.meta.results.total > history.data.length
      ? h('p', { class: 'muted' }, `The first ${history.data.length} of ${history.meta.results.total} entries.`) : null,
    h('ol', { class: 'timeline' }, history.data.map((entry) => h('li', {},
      h('h3', {}, entry.type, ' ', h('span', { class: 'muted' }, `(${entry.resource.type} ${entry.resource.id.slice(0, 8)})`)),
      h('p', {}, instant(entry.occurred_at), ' by ', actorText(entry.actor)),
      entry.changes.length ? table(`What changed: ${entry.type}`, ['Field', 'Before', 'After'],
        entry.changes.map((change) => [change.field,
          entry.type.endsWith('.created') ? shown(change.before, false) : shown(change.before, erased),
          shown(change.after, erased)]))
        : h('p', { class: 'muted' }, erased ? 'What changed was personal data: redacted.' : 'No field changed.'),
      erased || erasing ? null : h('a', { href: `${route}?at=${encodeURIComponent(entry.occurred_at)}` },
        'Show the customer as of this change')))));
  if (erasing) {
    setTimeout(async () => {
      if (!section.isConnected) return; // the user has moved on
      try {
        section.replaceWith(await historySection(id, path));
      } catch (error) {
        if (!(error instanceof SessionEnded)) section.append(alertBox(`The history could not be read again: ${error.message}`));
      }
    }, ERASURE_RECHECK_MILLISECONDS);
  }
  return section;
}

function actorText(actor) {
  switch (actor.type) {
    case 'client': return `client ${actor.id}`;
    case 'customer': return actor.id ? `the customer (${actor.id.slice(0, 8)})` : 'the customer';
    case 'oidc': return `sign-in provider ${actor.id ?? ''}`;
    default: return 'Patron (system)';
  }
}

/** A value of the history: null is "none", or, once the personal data is erased, what was there and is no more. */
function shown(value, erased) {
  if (value === null || value === undefined) return erased ? h('span', { class: 'muted' }, 'redacted') : '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
