// Operations: the read models with their lag and a rebuild with a live progress bar; the custom field definitions
// (flows and their fields) with their lifecycle (create, enable, disable, delete); the webhooks (integrations) with
// their delivery logs.
import { h, fill, heading, instant, table, announce, confirmDialog } from '../dom.js';
import { field, formError, onSubmit, valueOf } from '../forms.js';
import { api, SessionEnded } from '../api.js';

const PROGRESS_POLL_MILLISECONDS = 1000;
const FIELD_TYPES = ['string', 'integer', 'float', 'boolean', 'date'];
const EVENT_TYPES = ['customer.created', 'customer.updated', 'customer.deleted', 'address.created', 'address.updated',
  'address.deleted', 'order.created', 'order.updated'];

export async function operationsPage(content) {
  const redraw = async () => {
    await operationsPage(content);
    content.querySelector('h1')?.focus();
  };
  fill(content,
    heading('Operations'),
    await readModelsSection(),
    await customFieldsSection(redraw),
    await integrationsSection(redraw));
}

async function readModelsSection() {
  const section = h('section', { class: 'card', 'aria-labelledby': 'read-models-heading' });
  const draw = async () => {
    const { data: models } = await api('GET', '/v2/read-models');
    fill(section, h('h2', { id: 'read-models-heading' }, 'Read models'),
      table('Read models', ['Read model', 'Generation', 'State', 'Lag (events)', 'Latest rebuild', ''],
        models.map((model) => [model.name, String(model.generation), model.state,
          model.lag === null ? 'unknown' : String(model.lag), rebuildProgress(model.rebuild),
          h('button', {
            type: 'button', class: 'secondary', disabled: model.state === 'rebuilding',
            'aria-label': `Rebuild ${model.name}`,
            onclick: async () => {
              try {
                await api('POST', `/v2/read-models/${encodeURIComponent(model.name)}/rebuild`);
                announce(`Rebuild of ${model.name} started.`);
              } catch (error) {
                if (!error.errors) throw error;
                announce(`The rebuild of ${model.name} could not start: ${error.message}`);
              }
              await draw();
            },
          }, 'Rebuild')])));
    // While a rebuild runs, its progress is read again every second, until it has switched over or failed.
    if (models.some((model) => model.state === 'rebuilding')) {
      setTimeout(() => section.isConnected && draw().catch(ignoreEndedSession), PROGRESS_POLL_MILLISECONDS);
    }
  };
  await draw();
  return section;
}

function ignoreEndedSession(error) {
  if (!(error instanceof SessionEnded)) throw error;
}

function rebuildProgress(rebuild) {
  if (!rebuild) return 'none';
  const label = `Rebuild to generation ${rebuild.target_generation}`;
  const said = rebuild.status === 'running'
    ? `${rebuild.events_done} of ${rebuild.events_total} events (${Math.floor(rebuild.percent)}%)`
      + (rebuild.seconds_left === null ? '' : `, about ${rebuild.seconds_left} s left`)
    : rebuild.status === 'switched' ? `Done: ${rebuild.events_done} events, switched over`
      : `Failed: ${rebuild.error ?? 'no reason given'}`;
  return h('div', { class: 'progress' },
    h('progress', { max: '100', value: String(rebuild.percent), 'aria-label': label }),
    h('p', { role: 'status' }, said),
    rebuild.finished_at ? h('p', { class: 'muted' }, 'Finished ', instant(rebuild.finished_at)) : null);
}

async function customFieldsSection(redraw) {
  const { data: flows } = await api('GET', '/v2/flows');
  const flowForm = h('form', { novalidate: true },
    formError(),
    h('div', { class: 'grid' },
      field('Slug', 'slug', { required: true, hint: 'customers for fields on customers, addresses for addresses.' }),
      field('Name', 'name', { required: true }),
      field('Description', 'description')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create flow')));
  onSubmit(flowForm, async () => {
    await api('POST', '/v2/flows', { body: { data: { type: 'flow', slug: valueOf(flowForm, 'slug').trim(),
      name: valueOf(flowForm, 'name'), description: valueOf(flowForm, 'description') || null, enabled: true } } });
    announce('Flow created.');
    await redraw();
  });
  return h('section', { class: 'card', 'aria-labelledby': 'custom-fields-heading' },
    h('h2', { id: 'custom-fields-heading' }, 'Custom fields'),
    flows.length === 0 ? h('p', {}, 'No flows yet.') : await Promise.all(flows.map((flow) => flowPart(flow, redraw))),
    h('details', {}, h('summary', {}, 'Create a flow'), flowForm));
}

async function flowPart(flow, redraw) {
  const { data: fields } = await api('GET', `/v2/flows/${encodeURIComponent(flow.id)}/fields`);
  const fieldForm = h('form', { novalidate: true },
    formError(),
    h('div', { class: 'grid' },
      field('Name', 'name', { required: true }),
      field('Slug', 'slug', { required: true, hint: 'Lower-case letters, digits, - and _.' }),
      field('Type', 'field_type', { type: 'select', choices: FIELD_TYPES.map((type) => [type, type]) }),
      field('Description', 'description'),
      field('Required', 'required', { type: 'checkbox' }),
      field('Personal data (erased with the customer)', 'personal_data', { type: 'checkbox', value: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create field')));
  onSubmit(fieldForm, async () => {
    await api('POST', '/v2/fields', { body: { data: {
      type: 'field', name: valueOf(fieldForm, 'name'), slug: valueOf(fieldForm, 'slug').trim(),
      field_type: valueOf(fieldForm, 'field_type'), description: valueOf(fieldForm, 'description') || null,
      required: valueOf(fieldForm, 'required'), personal_data: valueOf(fieldForm, 'personal_data'), enabled: true,
      relationships: { flow: { data: { type: 'flow', id: flow.id } } },
    } } });
    announce('Field created.');
    await redraw();
  });
  return h('div', { class: 'flow' },
    h('h3', {}, `${flow.name} (${flow.slug})`, flow.enabled ? '' : ' — disabled'),
    flow.description ? h('p', {}, flow.description) : null,
    toggle(`flow ${flow.slug}`, flow.enabled, `/v2/flows/${encodeURIComponent(flow.id)}`, 'flow', redraw),
    fields.length === 0 ? h('p', {}, 'No fields.') : table(`Fields of ${flow.slug}`,
      ['Name', 'Slug', 'Type', 'Required', 'Personal data', 'State', ''],
      fields.map((definition) => [definition.name, definition.slug, definition.field_type,
        definition.required ? 'Yes' : 'No', definition.personal_data ? 'Yes' : 'No',
        definition.enabled ? 'enabled' : 'disabled',
        h('div', { class: 'actions' },
          toggle(`field ${definition.slug}`, definition.enabled, `/v2/fields/${encodeURIComponent(definition.id)}`,
            'field', redraw),
          h('button', {
            type: 'button', class: 'secondary', 'aria-label': `Delete field ${definition.slug}`,
            onclick: async () => {
              const confirmed = await confirmDialog({
                title: `Delete the field ${definition.name}?`,
                body: h('p', {}, 'It is left out of every answer and filter from now on; the values stored stay in '
                  + 'the history.'),
                confirmLabel: 'Delete field',
              });
              if (!confirmed) return;
              await api('DELETE', `/v2/fields/${encodeURIComponent(definition.id)}`);
              announce(`Field ${definition.slug} deleted.`);
              await redraw();
            },
          }, 'Delete'))])),
    h('details', {}, h('summary', {}, `Add a field to ${flow.slug}`), fieldForm));
}

/** Enables or disables a flow, field or integration (PUT with enabled), then redraws. */
function toggle(what, enabled, path, type, redraw) {
  const action = enabled ? 'Disable' : 'Enable';
  return h('button', {
    type: 'button', class: 'secondary', 'aria-label': `${action} ${what}`,
    onclick: async () => {
      await api('PUT', path, { body: { data: { type, enabled: !enabled } } });
      announce(`${what} ${enabled ? 'disabled' : 'enabled'}.`);
      await redraw();
    },
  }, action);
}

async function integrationsSection(redraw) {
  const { data: integrations } = await api('GET', '/v2/integrations');
  const form = h('form', { novalidate: true },
    formError(),
    h('div', { class: 'grid' },
      field('Name', 'name', { required: true }),
      field('URL', 'url', { type: 'url', required: true, hint: 'Where the signed deliveries are POSTed.' }),
      field('Secret key', 'secret_key', { type: 'password', required: true, autocomplete: 'new-password',
        hint: '16 to 256 characters; deliveries are signed with it. Only its last four characters are shown again.' })),
    h('fieldset', {}, h('legend', {}, 'Events to deliver'),
      h('div', { class: 'grid' }, EVENT_TYPES.map((type) => field(type, `observes.${type}`, { type: 'checkbox' })))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create webhook')));
  onSubmit(form, async () => {
    await api('POST', '/v2/integrations', { body: { data: {
      type: 'integration', integration_type: 'webhook', enabled: true, name: valueOf(form, 'name'),
      observes: EVENT_TYPES.filter((type) => valueOf(form, `observes.${type}`)),
      configuration: { url: valueOf(form, 'url').trim(), secret_key: valueOf(form, 'secret_key') },
    } } });
    announce('Webhook created.');
    await redraw();
  });
  return h('section', { class: 'card', 'aria-labelledby': 'integrations-heading' },
    h('h2', { id: 'integrations-heading' }, 'Webhooks'),
    integrations.length === 0 ? h('p', {}, 'No webhooks.') : integrations.map((integration) => h('div', { class: 'integration' },
      h('h3', {}, integration.name, integration.enabled ? '' : ' — disabled'),
      h('p', {}, integration.configuration.url, ' · secret ', integration.configuration.secret_key),
      h('p', {}, 'Delivers: ', integration.observes.join(', ')),
      h('div', { class: 'actions' },
        toggle(`webhook ${integration.name}`, integration.enabled,
          `/v2/integrations/${encodeURIComponent(integration.id)}`, 'integration', redraw),
        h('button', {
          type: 'button', class: 'secondary', 'aria-label': `Show the delivery log of ${integration.name}`,
          onclick: async (event) => {
            const shown = event.currentTarget.closest('.integration').querySelector('.log');
            shown.replaceWith(await deliveryLog(integration));
          },
        }, 'Show delivery log')),
      h('div', { class: 'log' }))),
    h('details', {}, h('summary', {}, 'Create a webhook'), form));
}

async function deliveryLog(integration) {
  const { data: deliveries } = await api('GET', `/v2/integrations/${encodeURIComponent(integration.id)}/logs`,
    { query: { 'page[limit]': 50 } });
  return h('div', { class: 'log' }, deliveries.length === 0 ? h('p', {}, 'Nothing delivered yet.') : table(
    `Deliveries of ${integration.name}`, ['When', 'Event', 'Attempt', 'Result', 'Receiver\'s status', 'Error'],
    deliveries.map((delivery) => [instant(delivery.meta.timestamps.created_at), delivery.triggered_by,
      String(delivery.attempt), delivery.succeeded ? 'delivered' : delivery.gave_up ? 'gave up' : 'failed, will retry',
      delivery.status_code === null ? '—' : String(delivery.status_code), delivery.error_detail ?? ''])));
}
