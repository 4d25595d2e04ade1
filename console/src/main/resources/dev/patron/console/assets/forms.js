// Form fields with their labels and a place for the API's error about them, and the mapping of an error answer's
// `source` (data.email, page[limit], filter) to the field it blames.
import { h, fill } from './dom.js';
import { ApiError, SessionEnded } from './api.js';

let fieldCount = 0;

/**
 * A labelled control. options: type (text, email, password, number, date, datetime-local, checkbox, select,
 * textarea), value, required, hint, choices ([value, label] pairs for a select), autocomplete, step.
 */
export function field(label, name, options = {}) {
  const id = `field-${name.replace(/[^a-z0-9_-]/gi, '-')}-${++fieldCount}`;
  const errorId = `${id}-error`;
  const hintId = options.hint ? `${id}-hint` : null;
  const common = {
    id, name, required: options.required, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    autocomplete: options.autocomplete ?? 'off',
  };
  let control;
  if (options.type === 'select') {
    control = h('select', common, (options.choices ?? []).map(([value, text]) =>
      h('option', { value, selected: String(options.value ?? '') === String(value) }, text)));
  } else if (options.type === 'textarea') {
    control = h('textarea', common, options.value ?? '');
  } else if (options.type === 'checkbox') {
    control = h('input', { ...common, type: 'checkbox', checked: options.value === true });
  } else {
    control = h('input', {
      ...common, type: options.type ?? 'text', value: options.value ?? '', step: options.step,
      inputmode: options.inputmode, spellcheck: options.type === 'email' ? 'false' : null,
    });
  }
  return h('div', { class: options.type === 'checkbox' ? 'field checkbox' : 'field', 'data-field': name },
    // "(required)" is for the eye; assistive technology hears the control's own required state instead.
    h('label', { for: id }, label, options.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' (required)') : null),
    hintId ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    control,
    h('p', { class: 'field-error', id: errorId }));
}

/** The value of a control of a form by name: a boolean for a checkbox, text otherwise. */
export function valueOf(form, name) {
  const control = form.elements.namedItem(name);
  if (!control) return undefined;
  return control.type === 'checkbox' ? control.checked : control.value;
}

function clearErrors(form) {
  for (const error of form.querySelectorAll('.field-error, .form-error')) fill(error);
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

/**
 * Shows an ApiError on a form: each error next to the field its `source` names (data.email → the field named email),
 * the rest at the top of the form; focus goes to the first field in error, or to the form's error. Anything else is
 * thrown on (session ended, network failure).
 */
function showErrors(form, error) {
  if (error instanceof SessionEnded) return;
  if (!(error instanceof ApiError)) throw error;
  clearErrors(form);
  const unplaced = [];
  let first = null;
  for (const problem of error.errors) {
    const name = problem.source?.replace(/^data\./, '');
    const control = name ? form.elements.namedItem(name) : null;
    if (control && control.id) {
      control.setAttribute('aria-invalid', 'true');
      document.getElementById(`${control.id}-error`).append(problem.detail ?? problem.title, ' ');
      first ??= control;
    } else {
      unplaced.push(problem.detail ?? problem.title);
    }
  }
  const formError = form.querySelector('.form-error');
  if (unplaced.length) fill(formError, unplaced.join(' '));
  (first ?? formError).focus();
}

/** The element forms show errors no field owns in; focusable so that focus can be moved to it. */
export function formError() {
  return h('div', { class: 'form-error', role: 'alert', tabindex: '-1' });
}

/** Runs a form's submission: disables its submit button meanwhile, shows API errors on the form. */
export function onSubmit(form, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = form.querySelector('[type=submit]');
    submit.disabled = true;
    clearErrors(form);
    try {
      await action(form);
    } catch (error) {
      showErrors(form, error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/**
 * A search form whose submission becomes the route's parameters (#/orders?payment=paid), so that the back button and
 * a new sign-in return to the same results; "Clear" goes back to the route without them.
 */
export function searchForm(route, label, submitLabel, controls) {
  const form = h('form', { class: 'card search', role: 'search', 'aria-label': label },
    h('div', { class: 'grid' }, controls),
    formError(),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, submitLabel),
      h('a', { href: route, class: 'button secondary' }, 'Clear')));
  return onSubmit(form, async () => {
    const parameters = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value) parameters.set(name, value);
    location.hash = `${route}?${parameters}`;
  });
}
