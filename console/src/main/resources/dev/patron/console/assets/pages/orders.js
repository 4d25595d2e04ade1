// All orders: filtered by status, payment, shipping and the buyer's email or name, sorted and paged; the filter
// built from the form and kept in the route (#/orders?payment=unpaid).
import { h, fill, heading } from '../dom.js';
import { field, searchForm } from '../forms.js';
import { api } from '../api.js';
import { ordersTable } from '../orders-view.js';
import { pager } from '../paging.js';

const PAGE_SIZE = 25;
const any = ['', 'Any'];
const SORTS = [['-created_at', 'Newest first'], ['created_at', 'Oldest first'], ['-with_tax', 'Largest total first'],
  ['with_tax', 'Smallest total first'], ['status', 'Status']];

function orderFilter(query) {
  const terms = [];
  for (const name of ['status', 'payment', 'shipping']) if (query[name]) terms.push(`eq(${name},${query[name]})`);
  if (query.email) terms.push(`eq(email,${query.email.trim()})`);
  if (query.name) terms.push(`like(name,*${query.name.trim()}*)`);
  return terms.join(':');
}

export async function ordersPage(content, { query }) {
  const sort = query.sort ?? '-created_at';
  const offset = Number(query.offset ?? 0);
  const search = searchForm('#/orders', 'Filter orders', 'Filter', [
    field('Status', 'status', { type: 'select', value: query.status,
      choices: [any, ['incomplete', 'Incomplete'], ['complete', 'Complete'], ['cancelled', 'Cancelled']] }),
    field('Payment', 'payment', { type: 'select', value: query.payment,
      choices: [any, ['unpaid', 'Unpaid'], ['authorized', 'Authorized'], ['paid', 'Paid']] }),
    field('Shipping', 'shipping', { type: 'select', value: query.shipping,
      choices: [any, ['unfulfilled', 'Unfulfilled'], ['fulfilled', 'Fulfilled']] }),
    field('Buyer\'s email is', 'email', { type: 'email', value: query.email }),
    field('Buyer\'s name contains', 'name', { value: query.name }),
    field('Sort', 'sort', { type: 'select', value: sort, choices: SORTS }),
  ]);
  const results = h('section', { 'aria-labelledby': 'results-heading' });
  fill(content, heading('Orders'), search, results);

  let answer;
  try {
    answer = await api('GET', '/v2/orders', {
      query: { filter: orderFilter(query), sort, 'page[limit]': PAGE_SIZE, 'page[offset]': offset },
    });
  } catch (error) {
    if (!error.errors) throw error;
    fill(results, h('h2', { id: 'results-heading' }, 'Results'),
      h('div', { class: 'alert', role: 'alert' }, `The filter was refused: ${error.message}`));
    return;
  }
  const total = answer.meta.results.total;
  fill(results,
    h('h2', { id: 'results-heading' }, `${total} order${total === 1 ? '' : 's'}`),
    answer.data.length === 0 ? h('p', {}, 'No order matches.') : ordersTable('Orders found', answer.data, { withCustomer: true }),
    pager(answer.meta.page, (newOffset) => `#/orders?${new URLSearchParams({ ...query, offset: String(newOffset) })}`));
}
