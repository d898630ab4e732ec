// A second renderer for replyc bundles, independent of replyc's C++ code: it checks params with its
// own rules (docs/bundle.md, "Param values") and formats the bundle's ICU MessageFormat patterns
// with formatjs intl-messageformat. It never looks at the parts.
import { IntlMessageFormat } from 'intl-messageformat';

const STRING_TYPES = new Set(['text', 'buyer_name', 'order_id', 'tracking', 'asin', 'duration']);
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export class RenderError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// formatjs builds Intl formatters; ours format every date in UTC (dates are calendar dates and
// date-times wall-clock times, never shifted by a time zone).
const formatters = {
  getNumberFormat: (locales, options) => new Intl.NumberFormat(locales, options),
  getDateTimeFormat: (locales, options) =>
    new Intl.DateTimeFormat(locales, { ...options, timeZone: 'UTC' }),
  getPluralRules: (locales, options) => new Intl.PluralRules(locales, options),
};

function isRealDate(y, m, d) {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function fractionDigits(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
}

// Returns the value to hand to ICU, or throws RenderError('invalid-value').
function checkValue(param, raw) {
  const bad = (why) => {
    throw new RenderError('invalid-value', `param '${param.name}' (${param.type}): ${JSON.stringify(raw)} ${why}`);
  };
  if (typeof raw !== 'string') bad('must be a string');
  switch (param.type) {
    case 'text':
    case 'duration':
    case 'buyer_name': {
      if (raw.trim() === '') bad('is empty');
      if (/[\u0000-\u001f\u007f-\u009f]/u.test(raw)) bad('contains a control character');
      const max = param.type === 'buyer_name' ? 200 : 500;
      if ([...raw].length > max) bad(`is longer than ${max} characters`);
      return { kind: 'string', raw };
    }
    case 'order_id':
      if (!/^[0-9]{3}-[0-9]{7}-[0-9]{7}$/.test(raw)) bad('is not 3-7-7 digits');
      return { kind: 'string', raw };
    case 'tracking':
      if (!/^[A-Za-z0-9][A-Za-z0-9 -]{2,38}[A-Za-z0-9]$/.test(raw)) bad('is not a tracking number');
      return { kind: 'string', raw };
    case 'asin':
      if (!/^[A-Z0-9]{10}$/.test(raw)) bad('is not an ASIN');
      return { kind: 'string', raw };
    case 'count':
      if (!/^[0-9]{1,15}$/.test(raw)) bad('is not a whole number from 0');
      return { kind: 'number', raw, number: Number(raw) };
    case 'number':
      if (!/^-?[0-9]{1,15}(\.[0-9]{1,15})?$/.test(raw)) bad('is not a number');
      return { kind: 'number', raw, number: Number(raw) };
    case 'money': {
      const m = /^([0-9]{1,15})(?:\.([0-9]{1,6}))? ([A-Z]{3})$/.exec(raw);
      if (!m) bad('is not "<amount> <ISO 4217 code>"');
      if (!CURRENCIES.has(m[3])) bad('has no ISO 4217 currency');
      if ((m[2] ?? '').length > fractionDigits(m[3])) bad(`has more decimals than ${m[3]} has`);
      return { kind: 'money', raw, amount: Number(m[2] ? `${m[1]}.${m[2]}` : m[1]), currency: m[3] };
    }
    case 'date': {
      const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(raw);
      if (!m || !isRealDate(+m[1], +m[2], +m[3])) bad('is not a date YYYY-MM-DD');
      return { kind: 'date', raw, time: Date.UTC(+m[1], +m[2] - 1, +m[3]) };
    }
    case 'datetime': {
      const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$/.exec(raw);
      if (!m || !isRealDate(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59)
        bad('is not a date and time YYYY-MM-DDTHH:MM');
      return { kind: 'date', raw, time: Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)) };
    }
    default:
      bad('has an unknown type');
  }
}

// The ICU arguments of docs/bundle.md ("ICU arguments") for checked values.
export function icuArguments(template, locale, params) {
  const args = {};
  for (const param of template.params) {
    const value = params[param.name];
    const selectArg = STRING_TYPES.has(param.type) ? param.name : `${param.name}__select`;
    if (value === undefined) {
      args[selectArg] = 'none';
      continue;
    }
    args[selectArg] = value.raw;
    if (value.kind === 'number') args[param.name] = value.number;
    if (value.kind === 'date') args[param.name] = value.time;
    if (value.kind === 'money') {
      for (const display of ['symbol', 'code', 'name']) {
        args[`${param.name}__${display}`] = new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: value.currency,
          currencyDisplay: display,
        }).format(value.amount);
      }
    }
  }
  return args;
}

export function render(bundle, templateId, locale, given) {
  const template = bundle.templates.find((t) => t.id === templateId);
  if (!template) throw new RenderError('unknown-template', `no template ${templateId}`);
  const entry = template.locales[locale];
  if (!entry) throw new RenderError('unknown-locale', `template ${templateId} has no locale ${locale}`);
  for (const name of Object.keys(given)) {
    if (!template.params.some((p) => p.name === name))
      throw new RenderError('unknown-param', `template ${templateId} has no param ${name}`);
  }
  const values = {};
  for (const param of template.params) {
    if (!(param.name in given)) {
      if (param.required) throw new RenderError('missing-param', `param ${param.name} is required`);
      continue;
    }
    if (!param.required && given[param.name] === 'none')
      throw new RenderError('invalid-value', `'none' means absent; leave ${param.name} out`);
    values[param.name] = checkValue(param, given[param.name]);
  }
  const args = icuArguments(template, locale, values);
  const format = (pattern) =>
    new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true, formatters }).format(args);
  const sections = {};
  for (const [name, text] of Object.entries(entry.sections)) sections[name] = format(text.icu);
  return { text: format(entry.message.icu), sections };
}
