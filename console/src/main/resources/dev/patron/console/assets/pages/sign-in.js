// Sign-in with the back-office client id and secret (the client_credentials grant); nothing else is accepted here, so
// a storefront's implicit grant cannot be used to open the console.
import { h, fill, heading, announce } from '../dom.js';
import { field, formError, onSubmit, valueOf } from '../forms.js';
import { requestBackOfficeToken, takeSessionEndReason } from '../api.js';
import { keepToken, takePlace, currentToken } from '../session.js';

export async function signInPage(content) {
  const reason = takeSessionEndReason();
  const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'page-heading' },
    formError(),
    field('Client id', 'client_id', { required: true, autocomplete: 'username' }),
    field('Client secret', 'client_secret', { type: 'password', required: true, autocomplete: 'current-password' }),
    h('button', { type: 'submit' }, 'Sign in'));
  onSubmit(form, async () => {
    const answer = await requestBackOfficeToken(valueOf(form, 'client_id').trim(), valueOf(form, 'client_secret'));
    if (answer.identifier !== 'client_credentials') {
      throw new Error('The API did not give a back-office token');
    }
    keepToken(answer);
    announce('Signed in.');
    location.hash = takePlace();
  });
  fill(content,
    heading('Sign in'),
    h('p', {}, 'Sign in with the back-office client id and secret (',
      h('code', {}, './patron up'), ' prints them). The session ends when this tab is closed.'),
    reason ? h('div', { class: 'alert', role: 'alert' }, reason) : null,
    currentToken() ? h('p', {}, 'You are signed in. ', h('a', { href: '#/customers' }, 'Go to the customers.')) : null,
    form);
}
