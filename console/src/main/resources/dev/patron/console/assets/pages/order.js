// One order: its state, totals, buyer, addresses and lines, the link to its customer, and the back office's actions.
import { h, fill, heading, instant, details } from '../dom.js';
import { api } from '../api.js';
import { addressLine } from '../address-form.js';
import { buyer, orderItemsTable, orderActions } from '../orders-view.js';

export async function orderPage(content, { parameters: [id] }) {
  const { data: order } = await api('GET', `/v2/orders/${encodeURIComponent(id)}`);
  const customerId = order.relationships?.customer?.data?.id;
  const price = order.meta.display_price;
  fill(content,
    h('p', {}, h('a', { href: '#/orders' }, 'All orders')),
    heading(`Order ${order.id.slice(0, 8)}`),
    h('section', { class: 'card', 'aria-labelledby': 'order-details-heading' },
      h('h2', { id: 'order-details-heading' }, 'Details'),
      details([
        ['Status', order.status],
        ['Payment', order.payment],
        ['Shipping', order.shipping],
        ['Total', `${price.with_tax.formatted} (${price.without_tax.formatted} before tax, tax ${price.tax.formatted})`],
        ['Buyer', buyer(order)],
        ['Customer', customerId ? h('a', { href: `#/customers/${encodeURIComponent(customerId)}` }, 'Open the customer') : 'A guest'],
        ['Billing address', addressLine(order.billing_address) || '—'],
        ['Shipping address', addressLine(order.shipping_address) || '—'],
        ['Created', instant(order.meta.timestamps.created_at)],
        ['Changed', instant(order.meta.timestamps.updated_at)],
        ['Id', h('code', {}, order.id)],
      ]),
      orderActions(order, () => orderPage(content, { parameters: [id] }))),
    h('section', { class: 'card', 'aria-labelledby': 'items-heading' },
      h('h2', { id: 'items-heading' }, 'Items'),
      await orderItemsTable(order)));
}
