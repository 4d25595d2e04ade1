// Webhooks (integrations): the list and a form for a new one; an integration's page with its settings, their change,
// its deletion and its delivery log. The secret is write-only: the API shows its last four characters, and so does
// this page.
import { h, fill, heading, instant, table, announce } from '../dom.js';
import { api } from '../api.js';
import { field, formError, valueOf } from '../forms.js';
import { pager } from '../paging.js';
import { actionButton, problemsBox, onSubmitNearControls, checkboxGroup, checkedIn, yesNo } from '../operations-kit.js';

// The contract's EventType: what an integration can observe.
const EVENT_TYPES = ['customer.created', 'customer.updated', 'customer.deleted', 'address.created', 'address.updated',
  'address.deleted', 'order.created', 'order.updated'];
const LOG_PAGE_SIZE = 25;

export async function integrationsPage(content, { query }) {
  const { data: integrations } = await api('GET', '/v2/integrations');
  fill(content,
    h('p', {}, h('a', { href: '#/operations' }, 'Operations')),
    h('div', { class: 'page-head' }, heading('Integrations'),
      query.new ? null : h('a', { href: '#/operations/integrations?new=1', class: 'button' }, 'New webhook')),
    h('p', {}, 'A webhook receives every event of the types it observes, as a signed POST to its URL, from its '
      + 'creation on; failed attempts are retried for about an hour, then given up. Each one\'s page shows its '
      + 'delivery log.'),
    query.new ? newIntegration() : null,
    integrations.length === 0 ? h('p', {}, 'No integration is defined yet.') : table('Integrations',
      ['Name', 'URL', 'Observes', 'Enabled', 'Created'],
      integrations.map((integration) => [
        h('a', { href: `#/operations/integrations/${encodeURIComponent(integration.id)}` }, integration.name),
        integration.configuration.url,
        integration.observes.join(', '),
        yesNo(integration.enabled),
        instant(integration.meta.timestamps.created_at),
      ])));
}

/** The settings form; for a change, the integration's values filled in and its secret kept unless one is typed. */
function integrationForm(integration, submitLabel) {
  return h('form', { novalidate: true },
    formError(),
    h('div', { class: 'grid' },
      field('Name', 'name', { required: true, value: integration?.name }),
      field('Description', 'description', { value: integration?.description }),
      field('URL', 'configuration.url', { type: 'url', required: true, value: integration?.configuration.url,
        hint: 'An absolute http or https URL that receives the POSTs.' }),
      field(integration ? 'New secret' : 'Secret', 'configuration.secret_key', {
        type: 'password', required: !integration, autocomplete: 'new-password',
        hint: `16 to 256 characters; it signs every delivery and is never shown again.${integration
          ? ` Now ${integration.configuration.secret_key}; leave empty to keep it.` : ''}`,
      }),
      field('Enabled', 'enabled', { type: 'checkbox', value: integration?.enabled ?? true })),
    checkboxGroup('Events it observes', 'observes', EVENT_TYPES, integration?.observes ?? []),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)));
}

function formAttributes(form) {
  const configuration = { url: valueOf(form, 'configuration.url').trim() };
  const secret = valueOf(form, 'configuration.secret_key');
  if (secret) configuration.secret_key = secret;
  return {
    type: 'integration', integration_type: 'webhook', name: valueOf(form, 'name'),
    description: valueOf(form, 'description') || null, enabled: valueOf(form, 'enabled'),
    observes: checkedIn(form, 'observes'), configuration,
  };
}

function newIntegration() {
  const form = integrationForm(null, 'Create webhook');
  onSubmitNearControls(form, async () => {
    const { data } = await api('POST', '/v2/integrations', { body: { data: formAttributes(form) } });
    announce(`Webhook ${data.name} created.`);
    location.hash = `#/operations/integrations/${encodeURIComponent(data.id)}`;
  });
  return h('section', { class: 'card', 'aria-labelledby': 'new-integration-heading' },
    h('h2', { id: 'new-integration-heading' }, 'New webhook'), form);
}

export async function integrationPage(content, { parameters: [integrationId], query }) {
  const path = `/v2/integrations/${encodeURIComponent(integrationId)}`;
  const offset = Number(query.offset ?? 0);
  const [{ data: integration }, logs] = await Promise.all([
    api('GET', path),
    api('GET', `${path}/logs`, { query: { 'page[limit]': LOG_PAGE_SIZE, 'page[offset]': offset } }),
  ]);
  const form = integrationForm(integration, 'Save changes');
  onSubmitNearControls(form, async () => {
    const { data } = await api('PUT', path, { body: { data: formAttributes(form) } });
    announce(`Webhook ${data.name} saved.`);
    await integrationPage(content, { parameters: [integrationId], query });
    document.getElementById('settings-heading').focus();
  });
  const problems = problemsBox();
  const total = logs.meta.results.total;
  fill(content,
    h('p', {}, h('a', { href: '#/operations/integrations' }, 'Integrations')),
    heading(`Webhook ${integration.name}`),
    h('dl', { class: 'details card' },
      h('dt', {}, 'URL'), h('dd', {}, integration.configuration.url),
      h('dt', {}, 'Observes'), h('dd', {}, integration.observes.join(', ')),
      h('dt', {}, 'Enabled'), h('dd', {}, yesNo(integration.enabled)),
      h('dt', {}, 'Secret'), h('dd', {}, integration.configuration.secret_key),
      h('dt', {}, 'Created'), h('dd', {}, instant(integration.meta.timestamps.created_at)),
      h('dt', {}, 'Changed'), h('dd', {}, instant(integration.meta.timestamps.updated_at))),
    h('section', { 'aria-labelledby': 'log-heading' },
      h('div', { class: 'page-head' },
        h('h2', { id: 'log-heading', tabindex: '-1' }, `Delivery log: ${total} attempt${total === 1 ? '' : 's'}`),
        h('button', { type: 'button', class: 'secondary', onclick: async () => {
          await integrationPage(content, { parameters: [integrationId], query });
          document.getElementById('log-heading').focus();
        } }, 'Refresh log')),
      logs.data.length === 0 ? h('p', {}, 'No delivery was attempted yet.') : table('Delivery attempts, newest first',
        ['When', 'Event', 'Event id', 'Attempt', 'Outcome', 'Receiver\'s status', 'Error'],
        logs.data.map((entry) => [
          instant(entry.meta.timestamps.created_at),
          entry.triggered_by,
          h('code', {}, entry.event_id),
          String(entry.attempt),
          outcome(entry),
          entry.status_code === null ? 'none' : String(entry.status_code),
          entry.error_detail ?? '',
        ])),
      pager(logs.meta.page, (newOffset) =>
        `#/operations/integrations/${encodeURIComponent(integrationId)}?offset=${newOffset}`)),
    h('section', { class: 'card', 'aria-labelledby': 'settings-heading' },
      h('h2', { id: 'settings-heading', tabindex: '-1' }, 'Settings'), form),
    problems,
    h('div', { class: 'actions' }, actionButton('Delete webhook', {
      problems,
      className: 'danger',
      confirmation: `Delete the webhook ${integration.name}? Its queue and its delivery log go with it.`,
      done: `Webhook ${integration.name} deleted.`,
      action: async () => {
        await api('DELETE', path);
        location.hash = '#/operations/integrations';
      },
    })));
}

function outcome(entry) {
  if (entry.succeeded) return h('span', { class: 'state enabled' }, 'Accepted');
  return h('span', { class: 'state disabled' }, entry.gave_up ? 'Failed, given up' : 'Failed, to be retried');
}
