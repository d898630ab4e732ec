// Packaging and grammar tests for the replyc VS Code extension.
//
//   node --test lsp/vscode/test/
//
// 1. Runs scripts/vscode-extension.sh into a temporary folder and checks the .vsix (a zip):
//    the manifest, extension.js, the grammar, the language configuration and the bundled
//    language client are there, devDependencies are not, and the bundled client loads.
// 2. Checks the TextMate grammar: valid JSON, every include resolves, every regex compiles with
//    Oniguruma (as VS Code does) and, where it uses no Oniguruma-only syntax, as a JS RegExp.
// 3. Tokenizes a sample .reply text with vscode-textmate + vscode-oniguruma and checks scopes.
// 4. Checks the language configuration.
//
// The npm dependencies are installed by the packaging script (npm ci) when lsp/vscode/node_modules
// is missing or incomplete; otherwise the script is run with --skip-install, so the tree other test
// files load from is not replaced under them. REPLYC_VSCODE_TEST_INSTALL=1 forces the install.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const EXT = path.resolve(__dirname, '..');
const ROOT = path.resolve(EXT, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'vscode-extension.sh');
const GRAMMAR = path.join(EXT, 'syntaxes', 'reply.tmLanguage.json');
const LANGCONF = path.join(EXT, 'language-configuration.json');
const PKG = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));

function dependenciesInstalled() {
  const names = [...Object.keys(PKG.dependencies || {}), ...Object.keys(PKG.devDependencies || {})];
  if (!fs.existsSync(path.join(EXT, 'node_modules', '.package-lock.json'))) return false;
  return names.every((n) => fs.existsSync(path.join(EXT, 'node_modules', ...n.split('/'), 'package.json')));
}

// ---------------------------------------------------------------------------------------------
// A small zip reader (central directory + stored/deflated entries), so the test does not need
// `unzip`. When `unzip` exists its listing is compared with ours.

function readZip(file) {
  const buf = fs.readFileSync(file);
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, `${file}: no end-of-central-directory record, not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, `${file}: bad central directory entry ${i}`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name, { method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  function read(name) {
    const e = entries.get(name);
    assert.ok(e, `${file}: no entry ${name}`);
    const lp = e.localOffset;
    assert.equal(buf.readUInt32LE(lp), 0x04034b50, `${file}: bad local header for ${name}`);
    const start = lp + 30 + buf.readUInt16LE(lp + 26) + buf.readUInt16LE(lp + 28);
    const raw = buf.subarray(start, start + e.compressedSize);
    let data;
    if (e.method === 0) data = Buffer.from(raw);
    else if (e.method === 8) data = zlib.inflateRawSync(raw);
    else assert.fail(`${file}: ${name} uses unsupported compression method ${e.method}`);
    assert.equal(data.length, e.size, `${file}: ${name} has the wrong size`);
    return data;
  }
  return { names: [...entries.keys()], read };
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

// ---------------------------------------------------------------------------------------------
// Packaging

let vsix; // { file, zip } once the packaging test has passed

test('packaging script writes build output with the extension and its language client', { timeout: 600_000 }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'replyc-vsix-'));
  const out = path.join(tmp, 'out', 'replyc.vsix');
  const install = process.env.REPLYC_VSCODE_TEST_INSTALL === '1' || !dependenciesInstalled();
  const args = [SCRIPT, '--out', out];
  if (!install) args.push('--skip-install');
  const r = spawnSync('bash', args, { cwd: ROOT, encoding: 'utf8', timeout: 590_000, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `scripts/vscode-extension.sh failed (${r.status}, ${r.signal || ''}):\n${r.stdout}\n${r.stderr}`);
  assert.ok(fs.existsSync(out), `no .vsix at ${out}`);
  // Written under a temporary name and renamed: nothing else is left in the folder.
  assert.deepEqual(fs.readdirSync(path.dirname(out)), ['replyc.vsix']);

  const zip = readZip(out);
  const names = new Set(zip.names);
  for (const required of [
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/extension.js',
    'extension/language-configuration.json',
    'extension/syntaxes/reply.tmLanguage.json',
    'extension/LICENSE.txt',
    'extension/node_modules/vscode-languageclient/package.json',
    'extension/node_modules/vscode-languageclient/node.js',
    'extension/node_modules/vscode-languageclient/lib/node/main.js',
  ]) {
    assert.ok(names.has(required), `the .vsix has no ${required}`);
  }
  assert.ok(
    zip.names.some((n) => /^extension\/readme\.md$/i.test(n)),
    'the .vsix has no README',
  );
  // The client's own dependencies come along (wherever npm placed them).
  for (const dep of ['vscode-languageserver-protocol', 'vscode-jsonrpc', 'vscode-languageserver-types', 'minimatch', 'semver']) {
    assert.ok(
      zip.names.some((n) => n.startsWith('extension/node_modules/') && n.endsWith(`/node_modules/${dep}/package.json`) || n === `extension/node_modules/${dep}/package.json`),
      `the .vsix lacks ${dep}, a dependency of vscode-languageclient`,
    );
  }
  // devDependencies (those that are not also needed at run time) and tests stay out.
  const lock = JSON.parse(fs.readFileSync(path.join(EXT, 'package-lock.json'), 'utf8'));
  const devOnly = Object.keys(PKG.devDependencies).filter((d) => lock.packages[`node_modules/${d}`].dev === true);
  assert.ok(devOnly.includes('@vscode/vsce') && devOnly.includes('vscode-textmate'));
  for (const dev of devOnly) {
    assert.ok(
      !zip.names.some((n) => n.startsWith(`extension/node_modules/${dev}/`)),
      `devDependency ${dev} was packaged`,
    );
  }
  assert.ok(!zip.names.some((n) => n.startsWith('extension/test/')), 'tests were packaged');

  // The packaged files are the ones in the repository.
  for (const f of ['package.json', 'extension.js', 'language-configuration.json', 'syntaxes/reply.tmLanguage.json']) {
    const packaged = zip.read(`extension/${f}`).toString('utf8');
    if (f.endsWith('.json')) {
      assert.deepEqual(JSON.parse(packaged), JSON.parse(fs.readFileSync(path.join(EXT, f), 'utf8')), `${f} differs`);
    } else {
      assert.equal(packaged, fs.readFileSync(path.join(EXT, f), 'utf8'), `${f} differs`);
    }
  }

  // Cross-check the listing with unzip, where the machine has it.
  if (which('unzip')) {
    const u = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(u.status, 0, u.stderr);
    assert.deepEqual(u.stdout.split('\n').filter(Boolean).sort(), [...zip.names].sort());
  }

  vsix = { file: out, zip, tmp };
});

test('packaged manifest declares the language, grammar, settings and client', (t) => {
  if (!vsix) return t.skip('packaging failed');
  const m = JSON.parse(vsix.zip.read('extension/package.json').toString('utf8'));
  assert.equal(m.name, 'replyc');
  assert.equal(m.publisher, 'replyc');
  assert.equal(m.license, 'MIT');
  assert.equal(m.engines.vscode, '^1.82.0');
  assert.equal(m.main, './extension.js');
  assert.ok(m.activationEvents.includes('onLanguage:reply'));
  assert.match(m.dependencies['vscode-languageclient'], /^\^9\./);
  for (const dev of ['@vscode/vsce', 'vscode-textmate', 'vscode-oniguruma', 'vscode-languageserver-protocol', 'vscode-jsonrpc']) {
    assert.ok(m.devDependencies[dev], `devDependency ${dev} missing`);
  }

  const lang = m.contributes.languages.find((l) => l.id === 'reply');
  assert.ok(lang, 'language reply not contributed');
  assert.deepEqual(lang.extensions, ['.reply']);
  assert.ok(vsix.zip.names.includes('extension/' + path.posix.normalize(lang.configuration)));

  const grammar = m.contributes.grammars.find((g) => g.language === 'reply');
  assert.equal(grammar.scopeName, 'source.reply');
  assert.ok(vsix.zip.names.includes('extension/' + path.posix.normalize(grammar.path)));

  const props = m.contributes.configuration.properties;
  assert.equal(props['replyc.path'].type, 'string');
  assert.equal(props['replyc.path'].default, 'replyc');
  assert.deepEqual(props['replyc.failOn'].enum, ['error', 'warning', 'note']);
  assert.deepEqual(props['replyc.messageLanguage'].enum, ['auto', 'en', 'zh-CN']);
  assert.equal(props['replyc.messageLanguage'].default, 'auto');
  assert.deepEqual(props['replyc.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('bundled language client resolves all its dependencies from the .vsix', (t) => {
  if (!vsix) return t.skip('packaging failed');
  // Unpack the extension and load the protocol layer the client is built on, from the unpacked
  // tree only (the client itself needs the `vscode` module, which exists only inside VS Code).
  const dir = path.join(vsix.tmp, 'unpacked');
  for (const name of vsix.zip.names) {
    if (name.endsWith('/')) continue;
    const dest = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, vsix.zip.read(name));
  }
  const ext = path.join(dir, 'extension');
  const clientDir = path.join(ext, 'node_modules', 'vscode-languageclient');
  const resolved = require.resolve('vscode-languageserver-protocol/node', { paths: [clientDir] });
  assert.ok(resolved.startsWith(ext + path.sep), `resolved outside the package: ${resolved}`);
  const protocol = require(resolved);
  assert.equal(typeof protocol.createProtocolConnection, 'function');
  assert.equal(typeof protocol.StreamMessageReader, 'function');
  for (const dep of ['minimatch', 'semver']) {
    const r = require.resolve(dep, { paths: [clientDir] });
    assert.ok(r.startsWith(ext + path.sep), `${dep} resolved outside the package: ${r}`);
    require(r);
  }
  fs.rmSync(vsix.tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Grammar

function grammarJson() {
  return JSON.parse(fs.readFileSync(GRAMMAR, 'utf8'));
}

/** Every rule of the grammar with a path for messages. */
function* rules(g) {
  function* walk(rule, where) {
    if (!rule || typeof rule !== 'object') return;
    yield { rule, where };
    for (const key of ['patterns']) {
      if (Array.isArray(rule[key])) {
        for (let i = 0; i < rule[key].length; i++) yield* walk(rule[key][i], `${where}.${key}[${i}]`);
      }
    }
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures']) {
      if (rule[key]) {
        for (const [k, v] of Object.entries(rule[key])) yield* walk(v, `${where}.${key}[${k}]`);
      }
    }
  }
  yield* walk({ patterns: g.patterns }, 'patterns');
  for (const [name, rule] of Object.entries(g.repository || {})) yield* walk(rule, `repository.${name}`);
}

// Oniguruma syntax that JavaScript's RegExp lacks (or reads differently).
const ONIG_ONLY = [
  /\\[GAzZhHK]/, // anchors \G \A \z \Z, hex-digit classes, \K
  /\(\?>/, // atomic group
  /\(\?[imx]*-?[imx]+[:)]/, // inline option groups
  /[*+?}]\+/, // possessive quantifiers
  /\\[pP]\{/, // properties (JS needs the u flag and other names)
  /\(\?~/, // absent operator
  /\\x\{/, // \x{HHHH}
];

async function oniguruma() {
  const onig = require(path.join(EXT, 'node_modules', 'vscode-oniguruma'));
  const wasm = fs.readFileSync(path.join(EXT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  if (!oniguruma.loaded) {
    oniguruma.loaded = onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  }
  await oniguruma.loaded;
  return onig;
}

test('grammar is valid JSON, all includes resolve and every regex compiles', async () => {
  const g = grammarJson();
  assert.equal(g.scopeName, 'source.reply');
  assert.ok(Array.isArray(g.patterns) && g.patterns.length > 0);

  const repo = g.repository || {};
  const used = new Set();
  const onig = await oniguruma();
  const failures = [];
  let regexes = 0;
  let jsChecked = 0;
  for (const { rule, where } of rules(g)) {
    if (rule.include) {
      if (rule.include.startsWith('#')) {
        const name = rule.include.slice(1);
        used.add(name);
        if (!(name in repo)) failures.push(`${where}: include ${rule.include} has no repository entry`);
      } else if (rule.include !== '$self' && rule.include !== '$base') {
        failures.push(`${where}: external include ${rule.include}`);
      }
    }
    if ('begin' in rule && !('end' in rule) && !('while' in rule)) failures.push(`${where}: begin without end`);
    for (const key of ['match', 'begin', 'end', 'while']) {
      if (!(key in rule)) continue;
      const src = rule[key];
      regexes++;
      if (typeof src !== 'string') {
        failures.push(`${where}.${key}: not a string`);
        continue;
      }
      // end/while may refer back to begin's captures (\1); vscode-textmate substitutes the
      // captured text before compiling, so do the same with a typical capture (an indent).
      const resolved = key === 'end' || key === 'while' ? src.replace(/\\(\d)/g, '[ ]{2}') : src;
      try {
        const scanner = new onig.OnigScanner([resolved]);
        scanner.dispose();
      } catch (e) {
        failures.push(`${where}.${key}: Oniguruma rejects /${src}/: ${e.message}`);
        continue;
      }
      const jsSrc = resolved;
      if (ONIG_ONLY.some((re) => re.test(jsSrc))) continue;
      try {
        new RegExp(jsSrc);
        jsChecked++;
      } catch (e) {
        failures.push(`${where}.${key}: not a valid JavaScript regex /${src}/: ${e.message}`);
      }
    }
  }
  for (const name of Object.keys(repo)) {
    if (!used.has(name)) failures.push(`repository.${name} is never included`);
  }
  assert.deepEqual(failures, []);
  assert.ok(regexes > 20, `only ${regexes} regexes found`);
  assert.ok(jsChecked > 0);
});

async function loadGrammar() {
  const tm = require(path.join(EXT, 'node_modules', 'vscode-textmate'));
  const onig = await oniguruma();
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.reply' ? tm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
  });
  const grammar = await registry.loadGrammar('source.reply');
  assert.ok(grammar, 'vscode-textmate could not load the grammar');
  return { tm, grammar };
}

function tokenize(tm, grammar, text) {
  const lines = text.split('\n');
  let state = tm.INITIAL;
  const out = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    out.push({ line, tokens: r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes })) });
    state = r.ruleStack;
  }
  return out;
}

const SAMPLE = [
  /* 0 */ '# late-delivery.reply — comment',
  /* 1 */ '## translators: keep it short',
  /* 2 */ 'use std   # the standard library',
  /* 3 */ 'use "brand/signoffs.reply"',
  /* 4 */ '',
  /* 5 */ 'template shipping.late_delivery',
  /* 6 */ '  title:        Parcel is running late',
  /* 7 */ '  scenario:     shipping_delay           # contract',
  /* 8 */ '  kind:         reply',
  /* 9 */ '  marketplaces: US UK DE FR JP',
  /* 10 */ '  valid:        2026-11-15 .. 2027-01-10',
  /* 11 */ '  params:',
  /* 12 */ '    order_id:   order_id   required',
  /* 13 */ '    items:      count      required',
  /* 14 */ '    eta:        date       optional',
  /* 15 */ '',
  /* 16 */ '[en]',
  /* 17 */ 'greeting   = Hello, thank you for your message.',
  /* 18 */ 'confirm    = Order {order_id} \\{not a placeholder\\} is late.',
  /* 19 */ 'solution   = Your {items, plural, one {# parcel} other {# parcels}} will arrive on {eta:long}.',
  /* 20 */ '             A # here is plain text, and so is l\'avis.',
  /* 21 */ '# replyc: allow RC2012 -- eta is always known here',
  /* 22 */ 'next_steps = {eta, select, none {Please wait.} other {Expect it {eta:short}.}}',
  /* 23 */ 'closing    = {@signoff.formal}',
  /* 24 */ '[fr]',
  /* 25 */ 'greeting   = Bonjour, merci pour l\'{items, plural, one {article} other {articles',
  /* 26 */ '               et les {items} colis}}.',
  /* 27 */ 'confirm    = Après une choice non fermée {items, plural, one {x}',
  /* 28 */ 'solution   = {order_id}',
].join('\n');

/** Scopes of the token that covers the first occurrence of `needle` on `line` (from `from`). */
function scopesAt(tokens, line, needle, from = 0) {
  const l = tokens[line];
  const at = l.line.indexOf(needle, from);
  assert.ok(at >= 0, `line ${line} has no ${JSON.stringify(needle)}: ${l.line}`);
  const tok = l.tokens.find((t) => t.start <= at && at < t.start + t.text.length);
  return tok.scopes;
}

function assertScope(tokens, line, needle, scope, from = 0) {
  const scopes = scopesAt(tokens, line, needle, from);
  assert.ok(
    scopes.includes(scope),
    `line ${line} ${JSON.stringify(needle)}: expected ${scope}, got ${scopes.join(' ')}`,
  );
}

function assertNoScope(tokens, line, needle, prefix, from = 0) {
  const scopes = scopesAt(tokens, line, needle, from);
  assert.ok(
    !scopes.some((s) => s.startsWith(prefix)),
    `line ${line} ${JSON.stringify(needle)}: unexpected ${prefix}*, got ${scopes.join(' ')}`,
  );
}

test('sample .reply text is tokenized with the expected scopes', async () => {
  const { tm, grammar } = await loadGrammar();
  const tk = tokenize(tm, grammar, SAMPLE);

  // comments, translator notes, suppressions
  assertScope(tk, 0, 'late-delivery', 'comment.line.number-sign.reply');
  assertScope(tk, 1, 'translators', 'comment.line.double-number-sign.translator-note.reply');
  assertScope(tk, 21, 'RC2012', 'entity.name.tag.rule-id.reply');
  assertScope(tk, 21, 'allow', 'keyword.other.suppression.allow.reply');
  assertScope(tk, 21, 'eta is always', 'comment.line.number-sign.suppression.reply');

  // use lines
  assertScope(tk, 2, 'use', 'keyword.control.import.reply');
  assertScope(tk, 2, 'std', 'support.module.std.reply');
  assertScope(tk, 2, '# the standard', 'comment.line.number-sign.reply');
  assertScope(tk, 3, 'brand/', 'string.quoted.double.path.reply');

  // block header
  assertScope(tk, 5, 'template', 'storage.type.template.reply');
  assertScope(tk, 5, 'shipping', 'entity.name.type.block.reply');
  assertScope(tk, 5, '.', 'punctuation.separator.dot.reply');
  assertScope(tk, 6, 'title', 'support.type.property-name.header.reply');
  assertScope(tk, 6, 'Parcel', 'string.unquoted.title.reply');
  assertScope(tk, 7, 'shipping_delay', 'support.constant.scenario.reply');
  assertScope(tk, 7, '# contract', 'comment.line.number-sign.reply');
  assertScope(tk, 8, 'reply', 'constant.language.kind.reply');
  assertScope(tk, 9, 'JP', 'constant.language.marketplace.reply');
  assertScope(tk, 10, '2027-01-10', 'constant.numeric.date.reply');
  assertScope(tk, 10, '..', 'keyword.operator.range.reply');
  assertScope(tk, 11, 'params', 'support.type.property-name.header.reply');
  assertScope(tk, 12, 'order_id', 'variable.parameter.reply');
  assertScope(tk, 12, 'order_id', 'support.type.param.reply', 8);
  assertScope(tk, 12, 'required', 'storage.modifier.reply');
  assertScope(tk, 13, 'count', 'support.type.param.reply');
  assertScope(tk, 14, 'optional', 'storage.modifier.reply');

  // locale header and section names
  assertScope(tk, 16, 'en', 'entity.name.section.locale.reply');
  assertScope(tk, 17, 'greeting', 'keyword.other.section.reply');
  assertScope(tk, 17, '=', 'keyword.operator.assignment.reply');
  assertScope(tk, 22, 'next_steps', 'keyword.other.section.reply');
  assertNoScope(tk, 17, 'Hello', 'keyword');

  // placeholders, escapes, snippets
  assertScope(tk, 18, 'order_id', 'variable.parameter.placeholder.reply');
  assertScope(tk, 18, '{order_id', 'punctuation.definition.placeholder.begin.reply');
  assertScope(tk, 18, '\\{', 'constant.character.escape.reply');
  assertScope(tk, 18, '\\}', 'constant.character.escape.reply');
  assertNoScope(tk, 18, 'not a placeholder', 'meta.placeholder');
  assertScope(tk, 19, 'eta', 'variable.parameter.placeholder.reply');
  assertScope(tk, 19, 'long', 'support.constant.style.reply');
  assertScope(tk, 23, 'signoff', 'entity.name.function.snippet.reply');
  assertScope(tk, 23, '@', 'punctuation.definition.snippet.reply');

  // plural and select choices
  assertScope(tk, 19, 'plural', 'keyword.control.plural.reply');
  assertScope(tk, 19, 'one', 'constant.language.plural-category.reply');
  assertScope(tk, 19, 'other', 'constant.language.plural-category.reply');
  assertScope(tk, 19, '#', 'variable.language.count.reply');
  assertScope(tk, 19, 'parcels', 'meta.branch.plural.reply');
  assertNoScope(tk, 19, 'will arrive', 'meta.choice');
  assertNoScope(tk, 20, '#', 'variable.language.count');
  assertNoScope(tk, 20, '#', 'comment');
  assertScope(tk, 22, 'select', 'keyword.control.select.reply');
  assertScope(tk, 22, 'none', 'constant.language.select-key.reply');
  assertScope(tk, 22, 'short', 'support.constant.style.reply');
  assertScope(tk, 22, 'eta:short', 'meta.branch.select.reply');

  // apostrophes are text; a branch continues on an indented line; nested braces balance
  assertScope(tk, 25, 'items', 'variable.parameter.placeholder.reply');
  assertScope(tk, 25, 'plural', 'keyword.control.plural.reply');
  assertScope(tk, 26, 'colis', 'meta.branch.plural.reply');
  assertScope(tk, 26, 'items', 'meta.branch.plural.reply');
  assertNoScope(tk, 26, '.', 'meta.choice');

  // an unclosed choice does not swallow the next section
  assertScope(tk, 27, 'plural', 'keyword.control.plural.reply');
  assertScope(tk, 28, 'solution', 'keyword.other.section.reply');
  assertNoScope(tk, 28, 'solution', 'meta.choice');
  assertScope(tk, 28, 'order_id', 'variable.parameter.placeholder.reply');
});

// ---------------------------------------------------------------------------------------------
// Language configuration

test('language configuration: comments, brackets, auto-closing and indentation', () => {
  const c = JSON.parse(fs.readFileSync(LANGCONF, 'utf8'));
  assert.equal(c.comments.lineComment, '#');
  assert.deepEqual(c.brackets, [['{', '}'], ['[', ']']]);
  const opens = c.autoClosingPairs.map((p) => (Array.isArray(p) ? p[0] : p.open));
  assert.deepEqual(opens.sort(), ['"', '[', '{'].sort());
  assert.ok(!opens.includes("'"), "' must not auto-close (apostrophes are text)");
  const surround = c.surroundingPairs.map((p) => (Array.isArray(p) ? p[0] : p.open));
  assert.ok(surround.includes('{') && surround.includes('['));

  const inc = new RegExp(c.indentationRules.increaseIndentPattern);
  const dec = new RegExp(c.indentationRules.decreaseIndentPattern);
  assert.ok(inc.test('greeting   = Hello {buyer_name},'), 'a section line starts continuation lines');
  assert.ok(inc.test('template shipping.late_delivery'));
  assert.ok(inc.test('  params:'));
  assert.ok(inc.test('             and {items, plural,'));
  assert.ok(!inc.test('             thank you for your message.'), 'continuation lines keep their indent');
  assert.ok(!inc.test('  title: Parcel is running late'));
  assert.ok(dec.test('  [en]'));
  assert.ok(!dec.test('  [en] text'));
  for (const rule of c.onEnterRules || []) new RegExp(rule.beforeText);
});
