// Custom field definitions: the flows (a flow with slug `customers` extends customers, `addresses` their addresses)
// and, on a flow's page, its fields with their lifecycle (enable, disable, delete) and the flow's history of changes.
// The API decides every rule; its errors are shown next to the part of the form they name.
import { h, fill, heading, instant, table, announce } from '../dom.js';
import { api } from '../api.js';
import { field, formError, valueOf } from '../forms.js';
import { customFieldValue } from '../custom-fields.js';
import { actionButton, problemsBox, onSubmitNearControls, yesNo } from '../operations-kit.js';

const flowRoute = (flow) => `#/operations/fields/${encodeURIComponent(flow.id)}`;
const FIELD_TYPES = ['string', 'integer', 'float', 'boolean', 'date'];
// The rules of the contract's ValidationRule and which inputs give their options.
const RULES = [
  ['', 'None'], ['enum', 'One of a list (enum)'], ['email', 'An email address'], ['slug', 'A slug'],
  ['between', 'Between two values'], ['min_length', 'At least a length'], ['max_length', 'At most a length'],
];
const RULE_INPUTS = { enum: ['options'], between: ['options.from', 'options.to'], min_length: ['options.length'],
  max_length: ['options.length'] };

export async function flowsPage(content, { query }) {
  const { data: flows } = await api('GET', '/v2/flows');
  fill(content,
    h('p', {}, h('a', { href: '#/operations' }, 'Operations')),
    h('div', { class: 'page-head' }, heading('Custom fields'),
      query.new ? null : h('a', { href: '#/operations/fields?new=1', class: 'button' }, 'New flow')),
    h('p', {}, 'A flow groups custom fields: the enabled fields of an enabled flow with slug ',
      h('code', {}, 'customers'),
      ' are further attributes of every customer, those of ', h('code', {}, 'addresses'),
      ' of every address; a flow with another slug extends nothing.'),
    query.new ? newFlow() : null,
    flows.length === 0 ? h('p', {}, 'No flow is defined yet.') : table('Flows',
      ['Name', 'Slug', 'State', 'Fields', 'Created'],
      flows.map((flow) => [
        h('a', { href: flowRoute(flow) }, flow.name),
        h('code', {}, flow.slug),
        enabledState(flow.enabled),
        String(flow.relationships.fields.data.length),
        instant(flow.meta.timestamps.created_at),
      ])));
}

function enabledState(enabled) {
  return h('span', { class: enabled ? 'state enabled' : 'state disabled' }, enabled ? 'Enabled' : 'Disabled');
}

function newFlow() {
  const form = h('form', { novalidate: true },
    formError(),
    h('div', { class: 'grid' },
      field('Name', 'name', { required: true }),
      field('Slug', 'slug', { required: true, hint: 'customers or addresses to extend them.' }),
      field('Description', 'description'),
      field('Enabled', 'enabled', { type: 'checkbox', value: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create flow'),
      h('a', { href: '#/operations/fields', class: 'button secondary' }, 'Cancel')));
  onSubmitNearControls(form, async () => {
    const { data } = await api('POST', '/v2/flows', { body: { data: {
      type: 'flow', name: valueOf(form, 'name'), slug: valueOf(form, 'slug').trim(),
      description: valueOf(form, 'description') || null, enabled: valueOf(form, 'enabled'),
    } } });
    announce(`Flow ${data.name} created.`);
    location.hash = flowRoute(data);
  });
  return h('section', { class: 'card', 'aria-labelledby': 'new-flow-heading' },
    h('h2', { id: 'new-flow-heading' }, 'New flow'), form);
}

export async function flowPage(content, { parameters: [flowId], query = {} }) {
  const [{ data: flow }, { data: fields }, { data: history }] = await Promise.all([
    api('GET', `/v2/flows/${encodeURIComponent(flowId)}`),
    api('GET', `/v2/flows/${encodeURIComponent(flowId)}/fields`),
    api('GET', `/v2/flows/${encodeURIComponent(flowId)}/history`),
  ]);
  fields.sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.slug.localeCompare(b.slug));
  const editing = fields.find((definition) => definition.id === query.edit);
  const problems = problemsBox();
  // After a change the page is shown again from the API's answers, focus going to the section that changed.
  const showAgain = async (focusId) => {
    await flowPage(content, { parameters: [flowId], query });
    document.getElementById(focusId)?.focus();
  };
  fill(content,
    h('p', {}, h('a', { href: '#/operations/fields' }, 'Custom fields')),
    heading(`Flow ${flow.name}`),
    h('dl', { class: 'details card' },
      h('dt', {}, 'Slug'), h('dd', {}, h('code', {}, flow.slug)),
      h('dt', {}, 'Description'), h('dd', {}, flow.description ?? ''),
      h('dt', {}, 'State'), h('dd', {}, enabledState(flow.enabled)),
      h('dt', {}, 'Created'), h('dd', {}, instant(flow.meta.timestamps.created_at)),
      h('dt', {}, 'Changed'), h('dd', {}, instant(flow.meta.timestamps.updated_at))),
    problems,
    h('div', { class: 'actions' },
      actionButton(flow.enabled ? 'Disable flow' : 'Enable flow', {
        problems,
        done: `Flow ${flow.name} ${flow.enabled ? 'disabled' : 'enabled'}.`,
        action: async () => {
          await api('PUT', `/v2/flows/${encodeURIComponent(flowId)}`,
            { body: { data: { type: 'flow', enabled: !flow.enabled } } });
          await showAgain('page-heading');
        },
      }),
      actionButton('Delete flow', {
        problems,
        className: 'danger',
        confirmation: `Delete the flow ${flow.name}? Only a flow without fields can be deleted.`,
        done: `Flow ${flow.name} deleted.`,
        action: async () => {
          await api('DELETE', `/v2/flows/${encodeURIComponent(flowId)}`);
          location.hash = '#/operations/fields';
        },
      })),
    h('section', { 'aria-labelledby': 'fields-heading' },
      h('h2', { id: 'fields-heading', tabindex: '-1' }, 'Fields'),
      h('p', {}, 'Nothing rewrites a stored value. A disabled or deleted field is left out of answers and filters '
        + '(history and the event feed keep its values); enabling it again shows them again. A field without a '
        + 'value shows its default. A value its field no longer accepts is shown as stored and reported.'),
      fields.length === 0 ? h('p', {}, 'This flow has no fields yet.') : table(`Fields of ${flow.name}`,
        ['Name', 'Slug', 'Type', 'Rules', 'Required', 'Default', 'Order', 'Personal data', 'State', 'Actions'],
        fields.map((definition) => fieldRow(flow, definition, problems, showAgain))),
      editing ? changeField(flow, editing) : newField(flow, showAgain)),
    h('section', { 'aria-labelledby': 'history-heading' },
      h('h2', { id: 'history-heading' }, 'History'),
      historyTable(history)));
}

function fieldRow(flow, definition, problems, showAgain) {
  const path = `/v2/fields/${encodeURIComponent(definition.id)}`;
  return [
    definition.name,
    h('code', {}, definition.slug),
    definition.field_type,
    definition.validation_rules.map(describeRule).join('; '),
    yesNo(definition.required),
    definition.default === null ? '' : String(definition.default),
    definition.order === null ? '' : String(definition.order),
    yesNo(definition.personal_data),
    enabledState(definition.enabled),
    h('div', { class: 'row-actions' },
      h('a', { href: `${flowRoute(flow)}?edit=${encodeURIComponent(definition.id)}`, class: 'button secondary',
        'aria-label': `Change ${definition.name}` }, 'Change'),
      actionButton(definition.enabled ? 'Disable' : 'Enable', {
        problems,
        className: 'secondary',
        accessibleName: `${definition.enabled ? 'Disable' : 'Enable'} ${definition.name}`,
        done: `Field ${definition.name} ${definition.enabled ? 'disabled' : 'enabled'}.`,
        action: async () => {
          await api('PUT', path, { body: { data: { type: 'field', enabled: !definition.enabled } } });
          await showAgain('fields-heading');
        },
      }),
      actionButton('Delete', {
        problems,
        className: 'danger',
        accessibleName: `Delete ${definition.name}`,
        confirmation: `Delete the field ${definition.name}? Its values leave every answer; history keeps them.`,
        done: `Field ${definition.name} deleted.`,
        action: async () => {
          await api('DELETE', path);
          await showAgain('fields-heading');
        },
      })),
  ];
}

function describeRule(rule) {
  const options = rule.options ?? {};
  switch (rule.type) {
    case 'enum': return `one of ${options.map(String).join(', ')}`;
    case 'between': return `from ${options.from} to ${options.to}`;
    case 'min_length': return `at least ${options.length} characters`;
    case 'max_length': return `at most ${options.length} characters`;
    default: return rule.type;
  }
}

/**
 * The form of a field definition: empty for a new one, filled in to change one. The console edits one validation rule;
 * a field given several through the API keeps them (they are listed, and not sent with the change).
 */
function fieldForm(definition, submitLabel) {
  const rules = definition?.validation_rules ?? [];
  const [rule] = rules;
  const ruleType = field('Validation rule', 'validation_rules[0]',
    { type: 'select', choices: RULES, value: rule?.type });
  const ruleOptions = [
    field('Choices', 'validation_rules[0].options', { hint: 'Separated by commas.',
      value: rule?.type === 'enum' ? rule.options.join(', ') : '' }),
    field('From', 'validation_rules[0].options.from', { value: rule?.options?.from }),
    field('To', 'validation_rules[0].options.to', { value: rule?.options?.to }),
    field('Length', 'validation_rules[0].options.length', { type: 'number', step: '1', inputmode: 'numeric',
      value: rule?.options?.length }),
  ];
  const showRuleOptions = () => {
    const needed = RULE_INPUTS[ruleType.querySelector('select').value] ?? [];
    for (const input of ruleOptions) {
      input.hidden = !needed.includes(input.dataset.field.replace('validation_rules[0].', ''));
    }
  };
  ruleType.querySelector('select').addEventListener('change', showRuleOptions);
  showRuleOptions();
  return h('form', { novalidate: true },
    formError(),
    h('div', { class: 'grid' },
      field('Name', 'name', { required: true, value: definition?.name }),
      field('Slug', 'slug', { required: true, value: definition?.slug,
        hint: 'Lower-case letters, digits, - and _: the attribute\'s name. Values are kept by slug.' }),
      field('Type', 'field_type', { type: 'select', value: definition?.field_type,
        choices: FIELD_TYPES.map((type) => [type, type]) }),
      field('Description', 'description', { value: definition?.description }),
      field('Default', 'default', { value: definition?.default ?? '',
        hint: 'Shown where a customer has no value; a date as 2024-01-31.' }),
      field('Order', 'order', { type: 'number', step: '1', inputmode: 'numeric', value: definition?.order ?? '' }),
      field('Required', 'required', { type: 'checkbox', value: definition?.required ?? false }),
      field('Personal data', 'personal_data', { type: 'checkbox', value: definition?.personal_data ?? true,
        hint: 'Values are encrypted and erased with the customer.' }),
      field('Enabled', 'enabled', { type: 'checkbox', value: definition?.enabled ?? true })),
    rules.length > 1
      ? h('p', { class: 'notice' }, `Validation: ${rules.map(describeRule).join('; ')}. These rules were set through `
        + 'the API and are kept as they are; the console edits fields with at most one rule.')
      : h('fieldset', { class: 'grid rule' }, h('legend', {}, 'Validation'), ruleType, ruleOptions),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submitLabel)));
}

/** The attributes the form says; its rule only when the form shows one. */
function fieldAttributes(form) {
  const fieldType = valueOf(form, 'field_type');
  const typed = (text) => customFieldValue({ field_type: fieldType }, text.trim());
  const order = valueOf(form, 'order');
  const attributes = {
    type: 'field', name: valueOf(form, 'name'), slug: valueOf(form, 'slug').trim(), field_type: fieldType,
    description: valueOf(form, 'description') || null, default: typed(valueOf(form, 'default')),
    order: order === '' ? null : Number(order), required: valueOf(form, 'required'),
    personal_data: valueOf(form, 'personal_data'), enabled: valueOf(form, 'enabled'),
  };
  if (form.elements.namedItem('validation_rules[0]')) {
    const rule = valueOf(form, 'validation_rules[0]');
    attributes.validation_rules = rule ? [ruleOf(rule, form, typed)] : [];
  }
  return attributes;
}

function newField(flow, showAgain) {
  const form = fieldForm(null, 'Create field');
  onSubmitNearControls(form, async () => {
    const { data } = await api('POST', '/v2/fields', { body: { data: {
      ...fieldAttributes(form), relationships: { flow: { data: { type: 'flow', id: flow.id } } },
    } } });
    announce(`Field ${data.name} created.`);
    await showAgain('fields-heading');
  });
  return h('section', { class: 'card', 'aria-labelledby': 'new-field-heading' },
    h('h3', { id: 'new-field-heading' }, 'New field'), form);
}

function changeField(flow, definition) {
  const form = fieldForm(definition, 'Save changes');
  onSubmitNearControls(form, async () => {
    const { data } = await api('PUT', `/v2/fields/${encodeURIComponent(definition.id)}`,
      { body: { data: fieldAttributes(form) } });
    announce(`Field ${data.name} saved.`);
    location.hash = flowRoute(flow);
  });
  return h('section', { class: 'card', 'aria-labelledby': 'change-field-heading' },
    h('h3', { id: 'change-field-heading' }, `Change field ${definition.name}`),
    h('p', {}, 'A changed type or rule applies to values written from now on; stored values it no longer accepts are '
      + 'shown as stored and reported. A changed slug leaves the values stored under the old one in history only.'),
    form,
    h('p', {}, h('a', { href: flowRoute(flow) }, 'Cancel the change')));
}

/** The rule the form describes, its options typed as the field's values are (the API checks they fit the type). */
function ruleOf(type, form, typed) {
  const option = (name) => valueOf(form, `validation_rules[0].options${name}`);
  switch (type) {
    case 'enum': return { type, options: option('').split(',').filter((choice) => choice.trim()).map(typed) };
    case 'between': return { type, options: { from: typed(option('.from')), to: typed(option('.to')) } };
    case 'min_length':
    case 'max_length': {
      const length = option('.length');
      return { type, options: { length: length === '' ? null : Number(length) } };
    }
    default: return { type };
  }
}

function historyTable(history) {
  if (history.length === 0) return h('p', {}, 'No change recorded.');
  return table('Changes of the flow and its fields, oldest first', ['When', 'Change', 'By', 'What changed'],
    history.map((change) => [
      instant(change.occurred_at),
      change.type,
      change.actor.id ? `${change.actor.type} ${change.actor.id}` : change.actor.type,
      h('ul', { class: 'changes' }, change.changes.map((part) => h('li', {},
        h('code', {}, part.field), `: ${shown(part.before)} → ${shown(part.after)}`))),
    ]));
}

function shown(value) {
  if (value === null || value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
