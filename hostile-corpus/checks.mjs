// What every answer to a hostile request must satisfy, whatever the case: no 5xx, the status the case expects, an
// error body in the contract's format, no internal names, no secrets of others.

// Names of what Patron is built from, which an answer must never show (stack traces, class names, server banners).
const INTERNAL_NAMES = /dev\.patron|org\.springframework|org\.axonframework|org\.apache|io\.netty|reactor\.(core|netty)|java\.(lang|util|io|net)|javax?\.|jakarta\.|com\.mongodb|com\.fasterxml|mongo-java-server|[A-Z]\w+(Exception|Error)\b|Whitelabel|Tomcat|Jetty|Netty|\bat [\w$.]+\([\w$]+\.java:\d+\)/;
const SECRETS = ['backOffice', 'storefront', 'aliceToken', 'bobToken'];

function expected(expect, status) {
  const accepted = Array.isArray(expect) ? expect : [expect ?? '4xx'];
  return accepted.some((one) => (/^\dxx$/.test(one) ? String(status)[0] === one[0] : String(status) === String(one)));
}

export function checkAnswer(c, answer, values, requestText) {
  const problems = [];
  const { status, headers, body } = answer;
  if (status >= 500) problems.push('a 5xx');
  if (!expected(c.expect, status)) problems.push(`expected ${JSON.stringify(c.expect ?? '4xx')}`);
  if (status >= 400) problems.push(...errorFormatProblems(status, headers, body));
  const shown = `${Object.entries(headers).map(([n, v]) => `${n}: ${v}`).join('\n')}\n${body}`;
  const leak = INTERNAL_NAMES.exec(shown);
  if (leak && !requestText.includes(leak[0])) problems.push(`leaks an internal name: ${leak[0]}`);
  for (const secret of SECRETS) {
    if (values[secret] && body.includes(values[secret]) && !requestText.includes(values[secret])) {
      problems.push(`shows the ${secret} token`);
    }
  }
  for (const forbidden of c.forbid ?? []) {
    if (shown.toLowerCase().includes(forbidden.toLowerCase())) problems.push(`shows ${forbidden}`);
  }
  return problems;
}

/** The contract: {"errors":[{"status":"<the HTTP status>","title":..,"detail"?..}]} as application/json. */
function errorFormatProblems(status, headers, body) {
  if (!/^application\/(vnd\.api\+)?json/.test(headers['content-type'] ?? '')) {
    return [`error answer is ${headers['content-type'] ?? 'without a Content-Type'}, not JSON`];
  }
  let document;
  try {
    document = JSON.parse(body);
  } catch {
    return ['error body is not JSON'];
  }
  const errors = document?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return ['error body has no errors array'];
  return errors.flatMap((error, index) => [
    ...(String(error?.status) === String(status) ? [] : [`errors[${index}].status is ${error?.status}, not ${status}`]),
    ...(typeof error?.title === 'string' && error.title ? [] : [`errors[${index}] has no title`]),
  ]);
}
