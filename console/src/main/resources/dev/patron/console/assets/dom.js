// Builds the DOM from text only (textContent, attributes), never from HTML strings: whatever a customer typed is shown
// as text and cannot become markup or script.

/**
 * h('button', { type: 'button', onclick: save }, 'Save'): an element with attributes (a function for on* names,
 * `true` for a bare attribute, null/false/undefined left out) and children (nodes, text, arrays, null skipped).
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the content of an element. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** Says something to assistive technology and shows it: "Customer saved". */
export function announce(message) {
  fill(document.getElementById('status'), message);
}

/** The page's heading, focused when a route is shown so that keyboard and screen-reader users start there. */
export function heading(text) {
  return h('h1', { tabindex: '-1', id: 'page-heading' }, text);
}

/** An instant as the user reads it, with the exact value kept in a <time>. */
export function instant(iso) {
  if (!iso) return '';
  return h('time', { datetime: iso }, new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium', timeStyle: 'medium',
  }));
}

/** A table with a caption, column headings and rows of cells (nodes or text). */
export function table(caption, columns, rows) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell)))))));
}

/** An error box with role=alert, so that it is read out when it appears. */
export function alertBox(message) {
  return h('div', { class: 'alert', role: 'alert' }, message);
}

/**
 * Asks before something that cannot be undone, in a modal <dialog> (focus stays in it, Escape cancels). Resolves true
 * when confirmed.
 */
export function confirmDialog({ title, body, confirmLabel }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, title),
      body,
      h('form', { method: 'dialog', class: 'actions' },
        h('button', { value: 'cancel', class: 'secondary', autofocus: true }, 'Cancel'),
        h('button', { value: 'confirm', class: 'danger' }, confirmLabel)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A definition list of [term, description] pairs. */
export function details(pairs) {
  return h('dl', { class: 'details' }, pairs.flatMap(([term, description]) => [h('dt', {}, term), h('dd', {}, description)]));
}
