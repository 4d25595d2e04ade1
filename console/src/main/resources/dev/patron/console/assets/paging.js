import { h } from './dom.js';

/** Previous/next links for a list answer's meta.page; linkTo(offset) gives the route of another page. */
export function pager(page, linkTo) {
  if (page.total <= 1) return null;
  const previous = page.offset > 0 ? Math.max(0, page.offset - page.limit) : null;
  const next = page.current < page.total ? page.offset + page.limit : null;
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    previous === null ? null : h('a', { href: linkTo(previous), rel: 'prev' }, 'Previous page'),
    h('span', {}, `Page ${page.current} of ${page.total}`),
    next === null ? null : h('a', { href: linkTo(next), rel: 'next' }, 'Next page'));
}
