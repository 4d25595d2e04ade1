// Orders as the customer page and the order pages show them: a table of orders, an order's lines, and the back
// office's two actions on an order (record a payment taken elsewhere, mark it fulfilled).
import { h, instant, table, announce } from './dom.js';
import { api } from './api.js';

export function ordersTable(caption, orders, { withCustomer = false } = {}) {
  return table(caption,
    ['Order', 'Created', ...(withCustomer ? ['Customer'] : []), 'Status', 'Payment', 'Shipping', 'Total'],
    orders.map((order) => [
      h('a', { href: `#/orders/${encodeURIComponent(order.id)}` }, order.id.slice(0, 8)),
      instant(order.meta.timestamps.created_at),
      ...(withCustomer ? [buyer(order)] : []),
      order.status, order.payment, order.shipping,
      order.meta.display_price.with_tax.formatted,
    ]));
}

/** Who bought: the buyer's name and email at checkout, "erased" once their personal data is gone. */
export function buyer(order) {
  if (order.customer.name === null && order.customer.email === null) return h('span', { class: 'muted' }, 'erased');
  return `${order.customer.name ?? ''} <${order.customer.email ?? ''}>`;
}

export async function orderItemsTable(order) {
  const { data: items } = await api('GET', `/v2/orders/${encodeURIComponent(order.id)}/items`);
  return table(`Items of order ${order.id.slice(0, 8)}`, ['Item', 'SKU', 'Quantity', 'Unit price', 'Total'],
    items.map((item) => [item.name, item.sku ?? '', String(item.quantity),
      item.meta.display_price.with_tax.unit.formatted, item.meta.display_price.with_tax.value.formatted]));
}

/**
 * "Mark paid" (a manual purchase: a payment taken outside Patron) while unpaid, and "Mark fulfilled" once paid (the
 * API fulfils paid orders only); then onChanged() shows the order anew.
 */
export function orderActions(order, onChanged) {
  const label = order.id.slice(0, 8);
  const act = (text, change, done) => h('button', {
    type: 'button', class: 'secondary', 'aria-label': `${text}: order ${label}`,
    onclick: async (event) => {
      event.currentTarget.disabled = true;
      try {
        await change();
        announce(`Order ${label} ${done}.`);
      } catch (error) {
        if (!error.errors) throw error;
        announce(`Order ${label} could not be changed: ${error.message}`);
      }
      await onChanged();
    },
  }, text);
  const path = `/v2/orders/${encodeURIComponent(order.id)}`;
  return h('div', { class: 'actions' },
    order.payment === 'unpaid' && order.status !== 'cancelled' ? act('Mark paid',
      () => api('POST', `${path}/payments`, { body: { data: { gateway: 'manual', method: 'purchase' } } }),
      'marked paid') : null,
    order.shipping === 'unfulfilled' && order.payment === 'paid' ? act('Mark fulfilled',
      () => api('PUT', path, { body: { data: { type: 'order', shipping: 'fulfilled' } } }),
      'marked fulfilled') : null);
}
