// Read models: each one's generation, state and lag as GET /v2/read-models answers them, and a rebuild (built beside
// the live one, switched to when caught up) whose progress is polled while it runs and shown as a progress bar.
import { h, fill, heading, instant, alertBox } from '../dom.js';
import { api, SessionEnded } from '../api.js';
import { actionButton, problemsBox } from '../operations-kit.js';

// How often a running rebuild's progress is asked for: often enough to move the bar, rarely enough to cost nothing.
const POLL_MILLISECONDS = 1000;

export async function readModelsPage(content) {
  const models = h('div', {});
  fill(content,
    h('p', {}, h('a', { href: '#/operations' }, 'Operations')),
    heading('Read models'),
    h('p', {}, 'A read model answers the API\'s reads; it is built from the event log. Its lag is the number of '
      + 'events not yet applied to it. A rebuild builds a new generation beside the live one from the whole log '
      + 'and switches to it once it has caught up: the API keeps answering from the current generation meanwhile.'),
    models);
  await showModels(models);
}

/**
 * Shows the read models, and while one rebuilds asks again every POLL_MILLISECONDS until none does. The polling stops
 * when the page is left (its content is no longer in the document), so no request outlives the page.
 */
async function showModels(container) {
  const { data } = await api('GET', '/v2/read-models');
  if (!container.isConnected) return;
  updateModels(container, data);
  if (data.some((model) => model.state === 'rebuilding')) {
    setTimeout(() => pollModels(container), POLL_MILLISECONDS);
  }
}

/** One more look at a running rebuild; a failure to ask is said, not thrown, since no one awaits a poll. */
function pollModels(container) {
  if (!container.isConnected) return;
  showModels(container).catch((error) => {
    if (error instanceof SessionEnded || !container.isConnected) return;
    container.prepend(alertBox(`The progress could not be read: ${error.message}. Reload the page to try again.`));
  });
}

/** Updates each model's card in place, so that focus and what a screen reader is reading are kept. */
function updateModels(container, models) {
  for (const model of models) {
    let card = container.querySelector(`[data-model="${CSS.escape(model.name)}"]`);
    if (!card) {
      card = modelCard(model, container);
      container.append(card);
    }
    fill(card.querySelector('.model-details'), modelDetails(model));
    fill(card.querySelector('.rebuild-progress'), rebuildProgress(model));
    card.querySelector('.rebuild-button').disabled = model.state === 'rebuilding';
  }
}

function modelCard(model, container) {
  const headingId = `model-${model.name}-heading`;
  const problems = problemsBox();
  return h('section', { class: 'card read-model', 'data-model': model.name, 'aria-labelledby': headingId },
    h('h2', { id: headingId }, model.name),
    h('div', { class: 'model-details' }),
    h('div', { class: 'rebuild-progress', 'aria-live': 'polite' }),
    problems,
    h('div', { class: 'actions' }, actionButton('Rebuild', {
      problems,
      className: 'rebuild-button',
      accessibleName: `Rebuild ${model.name}`,
      done: `Rebuild of ${model.name} started.`,
      action: async () => {
        const { data: rebuilding } = await api('POST', `/v2/read-models/${encodeURIComponent(model.name)}/rebuild`);
        updateModels(container, [rebuilding]);
        // Once actionButton has enabled the button again at its end, so that the rebuilding state disables it again.
        setTimeout(() => pollModels(container));
      },
    })));
}

function modelDetails(model) {
  return h('dl', { class: 'details' },
    h('dt', {}, 'Generation'), h('dd', { class: 'model-generation' }, String(model.generation)),
    h('dt', {}, 'State'), h('dd', { class: 'model-state' }, model.state),
    h('dt', {}, 'Lag'), h('dd', { class: 'model-lag' },
      model.lag === null ? 'unknown' : `${model.lag} event${model.lag === 1 ? '' : 's'} not yet applied`));
}

/** The latest rebuild: a progress bar while it runs, how it ended otherwise; nothing when there was none. */
function rebuildProgress(model) {
  const rebuild = model.rebuild;
  if (!rebuild) return h('p', { class: 'muted' }, 'Never rebuilt.');
  const label = `Rebuild of ${model.name} to generation ${rebuild.target_generation}`;
  if (rebuild.status === 'running') {
    const left = rebuild.seconds_left === null ? '' : `, ~${rebuild.seconds_left} s left`;
    return [
      h('p', { id: `${model.name}-progress-label` }, label),
      h('progress', {
        max: '100', value: String(rebuild.percent), 'aria-labelledby': `${model.name}-progress-label`,
        'aria-describedby': `${model.name}-progress-text`,
      }),
      h('p', { id: `${model.name}-progress-text`, class: 'progress-text' },
        `${rebuild.events_done} of ${rebuild.events_total} events, ${Math.floor(rebuild.percent)} %${left}`
        + ` (${Math.round(rebuild.events_per_second)} events per second)`),
    ];
  }
  const outcome = rebuild.status === 'switched'
    ? `done: generation ${rebuild.target_generation} is live`
    : `failed: ${rebuild.error ?? 'no reason given'}; generation ${rebuild.from_generation} stays`;
  return h('p', { class: `rebuild-outcome ${rebuild.status}` },
    `Last rebuild (generation ${rebuild.from_generation} to ${rebuild.target_generation}), ${outcome}. `,
    `${rebuild.events_total} events; started `, instant(rebuild.started_at),
    rebuild.finished_at ? [', finished ', instant(rebuild.finished_at)] : null, '.');
}
