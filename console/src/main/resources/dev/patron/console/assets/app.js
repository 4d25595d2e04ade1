// The console's entry point: hash routes (#/customers, #/customers/<id>, ...), so that every deep link is served by
// the one /console page and no address the server sees ever holds a token or a customer's data.
import { h, fill } from './dom.js';
import { currentToken, rememberPlace, signOut } from './session.js';
import { SessionEnded } from './api.js';
import { signInPage } from './pages/sign-in.js';
import { customersPage } from './pages/customers.js';
import { customerPage } from './pages/customer.js';
import { ordersPage } from './pages/orders.js';
import { orderPage } from './pages/order.js';
import { operationsPage } from './pages/operations.js';
import { flowsPage, flowPage } from './pages/custom-fields-admin.js';
import { readModelsPage } from './pages/read-models.js';
import { integrationsPage, integrationPage } from './pages/integrations.js';

const routes = [
  [/^#\/sign-in$/, signInPage, { public: true }],
  [/^#\/customers$/, customersPage],
  [/^#\/customers\/([^/?]+)$/, customerPage],
  [/^#\/orders$/, ordersPage],
  [/^#\/orders\/([^/?]+)$/, orderPage],
  [/^#\/operations$/, operationsPage],
  [/^#\/operations\/fields$/, flowsPage],
  [/^#\/operations\/fields\/([^/]+)$/, flowPage],
  [/^#\/operations\/read-models$/, readModelsPage],
  [/^#\/operations\/integrations$/, integrationsPage],
  [/^#\/operations\/integrations\/([^/]+)$/, integrationPage],
];

/** The route's path and its parameters (#/customers?name=ron → '#/customers', {name: 'ron'}). */
function parseHash(hash) {
  const [path, query = ''] = hash.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(query)) };
}

let rendering = 0;

async function show() {
  const main = document.getElementById('main');
  const hash = location.hash || '#/customers';
  const { path, query } = parseHash(hash);
  const route = routes.find(([pattern]) => pattern.test(path));
  const signedIn = currentToken() !== null;
  document.getElementById('main-nav').hidden = !signedIn;
  if (!route) {
    fill(main, h('h1', { tabindex: '-1' }, 'Not found'), h('p', {}, 'There is no such page in the console.'));
    main.querySelector('h1').focus();
    return;
  }
  const [pattern, page, options = {}] = route;
  if (!options.public && !signedIn) {
    rememberPlace(hash);
    location.hash = '#/sign-in';
    return;
  }
  const thisRendering = ++rendering;
  const content = h('div', { class: 'page', 'aria-busy': 'true' });
  fill(main, content);
  markCurrentLink(path);
  const parameters = pattern.exec(path).slice(1).map(decodeURIComponent);
  try {
    await page(content, { parameters, query });
  } catch (error) {
    if (error instanceof SessionEnded) return;
    if (thisRendering === rendering) {
      fill(content, h('h1', { tabindex: '-1', id: 'page-heading' }, 'Something went wrong'),
        h('div', { class: 'alert', role: 'alert' }, error.message));
    }
  }
  if (thisRendering !== rendering) return;
  content.removeAttribute('aria-busy');
  document.title = `${content.querySelector('h1')?.textContent ?? 'Console'} · Patron console`;
  // Unless the user has already moved into the page (typing in a form shown before its list loaded).
  if (!content.contains(document.activeElement)) content.querySelector('h1')?.focus();
}

function markCurrentLink(path) {
  for (const link of document.querySelectorAll('#main-nav a')) {
    const current = path.startsWith(link.getAttribute('href'));
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  location.hash = '#/sign-in';
});
window.addEventListener('hashchange', show);
show();
