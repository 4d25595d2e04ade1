// What the operations pages share beyond forms.js: errors placed at the nearest control even when the API names a
// part of it (data.observes[2] → the observed-events group, data.validation_rules[0].options[1] → the rule's
// choices), and buttons that change something and say how it went.
import { h, fill, announce } from './dom.js';
import { ApiError, SessionEnded } from './api.js';
import { onSubmit } from './forms.js';

/** The source, shortened part by part ([2], .options) until it names a control of the form; as given otherwise. */
function nearestSource(form, source) {
  let candidate = source.replace(/^data\./, '');
  while (candidate) {
    if (form.elements.namedItem(candidate)?.id) return `data.${candidate}`;
    const shorter = candidate.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
    if (shorter === candidate) break;
    candidate = shorter;
  }
  return source;
}

/** A form's submission as forms.js's onSubmit runs it, each API error shown next to the nearest control it names. */
export function onSubmitNearControls(form, action) {
  return onSubmit(form, async () => {
    try {
      await action(form);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      throw new ApiError(error.status, error.errors.map((problem) =>
        (problem.source ? { ...problem, source: nearestSource(form, problem.source) } : problem)));
    }
  });
}

/**
 * A button that calls the API: disabled while the call runs, the API's refusal shown in `problems` (an alert region),
 * `done` (a message) announced after it succeeded. An optional question is asked first (a deletion).
 */
export function actionButton(label, { problems, action, done, confirmation, className, accessibleName }) {
  const button = h('button', { type: 'button', class: className, 'aria-label': accessibleName }, label);
  button.addEventListener('click', async () => {
    if (confirmation && !window.confirm(confirmation)) return;
    button.disabled = true;
    fill(problems);
    try {
      await action();
      announce(done);
    } catch (error) {
      if (error instanceof SessionEnded) return;
      if (!(error instanceof ApiError)) throw error;
      fill(problems, error.message);
      problems.focus();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** Where actionButton shows a refusal: read out when it appears, focusable so that focus can be moved to it. */
export function problemsBox() {
  return h('div', { class: 'form-error', role: 'alert', tabindex: '-1' });
}

/** A checkbox group with one name per box, so that the group itself can carry the API's error about the list. */
let groupCount = 0;

export function checkboxGroup(legend, name, choices, checked) {
  const id = `group-${name}-${++groupCount}`;
  return h('fieldset', { class: 'field choices', name, id, tabindex: '-1', 'aria-describedby': `${id}-error` },
    h('legend', {}, legend),
    choices.map((choice) => h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: `${name}:${choice}`, value: choice, checked: checked.includes(choice) }),
      ' ', choice)),
    h('p', { class: 'field-error', id: `${id}-error` }));
}

/** The values checked in a checkboxGroup. */
export function checkedIn(form, name) {
  return [...form.querySelectorAll(`input[type=checkbox][name^="${name}:"]`)]
    .filter((box) => box.checked).map((box) => box.value);
}

/** Yes/No for a boolean, as a cell shows it. */
export const yesNo = (value) => (value ? 'Yes' : 'No');
