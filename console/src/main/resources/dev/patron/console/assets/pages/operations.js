// Operations: where the store's team looks after what is behind the customers: custom field definitions, the read
// models and the webhooks.
import { h, fill, heading } from '../dom.js';

const SECTIONS = [
  ['#/operations/fields', 'Custom fields',
    'Flows and their fields: the store\'s own attributes of customers and addresses; enable, disable, delete.'],
  ['#/operations/read-models', 'Read models',
    'What answers the API\'s reads: generation, state and lag; rebuild one from the event log.'],
  ['#/operations/integrations', 'Integrations',
    'Webhooks that receive the store\'s events, and their delivery logs.'],
];

export async function operationsPage(content) {
  fill(content,
    heading('Operations'),
    h('ul', { class: 'operations-sections' }, SECTIONS.map(([href, title, text]) =>
      h('li', { class: 'card' }, h('h2', {}, h('a', { href }, title)), h('p', {}, text)))));
}
