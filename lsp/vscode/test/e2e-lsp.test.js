// End-to-end test of `replyc lsp` with an independent LSP client (vscode-jsonrpc +
// vscode-languageserver-protocol, no VS Code):
//
//   REPLYC_BIN=/path/to/replyc node --test lsp/vscode/test/
//
// initialize (UTF-16 positions) -> initialized -> didOpen a template whose solution uses
// {ordr_id} where order_id is declared -> publishDiagnostics with RC2001 -> codeAction for it ->
// apply the quick fix that writes order_id -> didChange (version 2) -> publishDiagnostics for
// version 2 without RC2001 -> shutdown -> exit, and the server exits with status 0.
// Every wait is limited to 10 s, so a silent server fails the test instead of hanging it.
// Skipped (with a message) when REPLYC_BIN is not set.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const EXT = path.resolve(__dirname, '..');
const WAIT_MS = 10_000;

// A complete, valid template except for the misspelt placeholder in `solution`.
// The en dash before it puts a 3-byte UTF-8 character (1 UTF-16 unit) in front of the span.
const TEMPLATE = [
  '# late-delivery.reply',
  'use std',
  '',
  'template shipping.late_delivery',
  '  title:        Parcel is running late',
  '  scenario:     shipping_delay',
  '  kind:         reply',
  '  marketplaces: US',
  '  params:',
  '    order_id:   order_id   required',
  '    carrier:    text       required',
  '    tracking:   tracking   required',
  '    eta:        date       required',
  '',
  '[en]',
  'greeting   = Hello,',
  '             thank you for your message.',
  'confirm    = We are sorry that order {order_id} has not reached you yet.',
  'solution   = Good news – the parcel for order {ordr_id} left our warehouse with {carrier}',
  '             (tracking number {tracking}) and is now expected on {eta:long}.',
  'next_steps = If it has not arrived by then, simply reply to this message and we will',
  '             send a replacement or a full refund straight away.',
  'closing    = Kind regards,',
  '             Customer Service',
  '',
].join('\n');

function loadProtocol() {
  const missing = ['vscode-jsonrpc', 'vscode-languageserver-protocol'].filter(
    (m) => !fs.existsSync(path.join(EXT, 'node_modules', m, 'package.json')),
  );
  assert.deepEqual(
    missing,
    [],
    'npm dependencies of lsp/vscode are not installed: run scripts/vscode-extension.sh (or npm ci in lsp/vscode) first',
  );
  const jsonrpc = require(path.join(EXT, 'node_modules', 'vscode-jsonrpc', 'node'));
  const protocol = require(path.join(EXT, 'node_modules', 'vscode-languageserver-protocol', 'node'));
  return { jsonrpc, protocol };
}

function withTimeout(promise, what, ms = WAIT_MS) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Offset in a JS string (UTF-16 code units) of an LSP position with UTF-16 characters. */
function offsetAt(text, pos) {
  let line = 0;
  let i = 0;
  while (line < pos.line) {
    const nl = text.indexOf('\n', i);
    assert.ok(nl >= 0, `position ${JSON.stringify(pos)} is past the end of the document`);
    i = nl + 1;
    line++;
  }
  const end = text.indexOf('\n', i);
  const lineLen = (end < 0 ? text.length : end) - i;
  assert.ok(pos.character <= lineLen + 1, `position ${JSON.stringify(pos)} is past the end of its line`);
  return i + Math.min(pos.character, lineLen);
}

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Applies LSP TextEdits (all against the same original text, as LSP defines). */
function applyEdits(text, edits) {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < spans.length; i++) {
    assert.ok(spans[i].end <= spans[i - 1].start, 'quick fix has overlapping edits');
  }
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

function sameUri(a, b) {
  if (a === b) return true;
  try {
    return decodeURIComponent(a).toLowerCase() === decodeURIComponent(b).toLowerCase();
  } catch {
    return false;
  }
}

/** The edits a code action makes to `uri`, from `changes` or `documentChanges`. */
function editsFor(action, uri) {
  const edit = action && action.edit;
  if (!edit) return undefined;
  const edits = [];
  if (edit.documentChanges) {
    for (const dc of edit.documentChanges) {
      if (dc.kind) return undefined; // create/rename/delete: not a plain text fix
      if (sameUri(dc.textDocument.uri, uri)) edits.push(...dc.edits);
    }
  }
  if (edit.changes) {
    for (const [u, list] of Object.entries(edit.changes)) if (sameUri(u, uri)) edits.push(...list);
  }
  return edits.length > 0 ? edits : undefined;
}

test('replyc lsp: RC2001 quick fix round trip over stdio', { timeout: 120_000 }, async (t) => {
  const bin = process.env.REPLYC_BIN;
  if (!bin) {
    t.skip('REPLYC_BIN is not set: set it to the replyc executable to run the end-to-end LSP test');
    return;
  }
  assert.ok(fs.existsSync(bin), `REPLYC_BIN=${bin} does not exist`);
  const { jsonrpc, protocol } = loadProtocol();
  const P = protocol;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replyc-e2e-'));
  const file = path.join(dir, 'late-delivery.reply');
  fs.writeFileSync(file, TEMPLATE);
  const uri = pathToFileURL(file).href;

  const server = spawn(bin, ['lsp'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  const spawnError = new Promise((_, reject) => server.on('error', reject));
  spawnError.catch(() => {});

  const settings = { path: bin, failOn: 'error', messageLanguage: 'en' };
  const connection = P.createProtocolConnection(
    new jsonrpc.StreamMessageReader(server.stdout),
    new jsonrpc.StreamMessageWriter(server.stdin),
  );
  const logs = [];
  const published = []; // every publishDiagnostics for our document, in order
  let waiters = [];
  const check = () => {
    waiters = waiters.filter((w) => {
      const hit = published.find(w.predicate);
      if (hit) w.resolve(hit);
      return !hit;
    });
  };
  // Waits for `promise`, at most WAIT_MS, failing early if the server cannot start or dies.
  const guarded = (promise, what) =>
    withTimeout(
      Promise.race([
        promise,
        spawnError.catch((e) => {
          throw new Error(`cannot start ${bin} lsp: ${e.message}`);
        }),
        exited.then((e) => {
          throw new Error(`server exited (${JSON.stringify(e)}) while waiting for ${what}`);
        }),
      ]),
      what,
    );
  const waitForDiagnostics = (predicate, what) =>
    guarded(
      new Promise((resolve) => {
        waiters.push({ predicate, resolve });
        check();
      }),
      what,
    );

  connection.onNotification(P.PublishDiagnosticsNotification.type, (params) => {
    if (sameUri(params.uri, uri)) {
      published.push(params);
      check();
    }
  });
  connection.onNotification(P.LogMessageNotification.type, (p) => logs.push(`log: ${p.message}`));
  connection.onNotification(P.ShowMessageNotification.type, (p) => logs.push(`show: ${p.message}`));
  connection.onNotification(() => {});
  // Requests a server may send to its client.
  connection.onRequest(P.ConfigurationRequest.type, (params) =>
    params.items.map((item) => (item.section === 'replyc' || item.section === undefined ? settings : null)),
  );
  connection.onRequest(P.RegistrationRequest.type, () => null);
  connection.onRequest(P.UnregistrationRequest.type, () => null);
  connection.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
  connection.onRequest(P.ShowMessageRequest.type, () => null);
  connection.onRequest(P.ApplyWorkspaceEditRequest.type, () => ({ applied: false, failureReason: 'test client' }));
  connection.onRequest(() => null);
  connection.listen();

  t.after(() => {
    try {
      connection.dispose();
    } catch {
      // already closed
    }
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  try {
    // initialize / initialized
    const init = await guarded(
      connection.sendRequest(P.InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'replyc-e2e-test', version: '1' },
        locale: 'en',
        rootUri: pathToFileURL(dir).href,
        workspaceFolders: [{ uri: pathToFileURL(dir).href, name: path.basename(dir) }],
        initializationOptions: { failOn: 'error', messageLanguage: 'en' },
        capabilities: {
          general: { positionEncodings: ['utf-16'] },
          workspace: {
            configuration: true,
            didChangeConfiguration: { dynamicRegistration: false },
            workspaceFolders: true,
            applyEdit: true,
            workspaceEdit: { documentChanges: true, resourceOperations: [] },
          },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
            publishDiagnostics: {
              relatedInformation: true,
              versionSupport: true,
              codeDescriptionSupport: true,
              dataSupport: true,
              tagSupport: { valueSet: [1, 2] },
            },
            codeAction: {
              dynamicRegistration: false,
              isPreferredSupport: true,
              dataSupport: true,
              resolveSupport: { properties: ['edit'] },
              codeActionLiteralSupport: {
                codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source'] },
              },
            },
          },
          window: { workDoneProgress: false },
        },
        trace: 'off',
      }),
      'the initialize response',
    );
    assert.ok(init && init.capabilities, 'initialize result has no capabilities');
    const caps = init.capabilities;
    if (caps.positionEncoding !== undefined) assert.equal(caps.positionEncoding, 'utf-16');
    assert.ok(caps.codeActionProvider, 'server does not offer code actions');
    const sync = typeof caps.textDocumentSync === 'number' ? caps.textDocumentSync : caps.textDocumentSync && caps.textDocumentSync.change;
    assert.ok(
      sync === P.TextDocumentSyncKind.Full || sync === P.TextDocumentSyncKind.Incremental,
      `server's textDocumentSync change kind is ${JSON.stringify(caps.textDocumentSync)}`,
    );
    await connection.sendNotification(P.InitializedNotification.type, {});
    await connection.sendNotification(P.DidChangeConfigurationNotification.type, { settings: { replyc: settings } });

    // didOpen -> RC2001 on ordr_id
    await connection.sendNotification(P.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'reply', version: 1, text: TEMPLATE },
    });
    const isRC2001 = (d) => d.code === 'RC2001';
    const first = await waitForDiagnostics((p) => p.diagnostics.some(isRC2001), 'publishDiagnostics with RC2001');
    if (first.version !== undefined && first.version !== null) assert.equal(first.version, 1);
    const diag = first.diagnostics.find(isRC2001);
    const typo = TEMPLATE.indexOf('ordr_id');
    const dStart = offsetAt(TEMPLATE, diag.range.start);
    const dEnd = offsetAt(TEMPLATE, diag.range.end);
    assert.ok(
      dStart <= typo && typo + 'ordr_id'.length <= dEnd && dEnd - dStart <= '{ordr_id}'.length,
      `RC2001 range ${JSON.stringify(diag.range)} covers ${JSON.stringify(TEMPLATE.slice(dStart, dEnd))}, ` +
        `expected ordr_id at ${JSON.stringify(positionAt(TEMPLATE, typo))}`,
    );
    assert.equal(diag.severity, P.DiagnosticSeverity.Error);

    // codeAction -> the quick fix that writes order_id
    const actions = await guarded(
      connection.sendRequest(P.CodeActionRequest.type, {
        textDocument: { uri },
        range: diag.range,
        context: { diagnostics: [diag], triggerKind: P.CodeActionTriggerKind.Invoked },
      }),
      'the textDocument/codeAction response',
    );
    assert.ok(Array.isArray(actions) && actions.length > 0, `no code actions for RC2001: ${JSON.stringify(actions)}`);
    const expected = TEMPLATE.replace('{ordr_id}', '{order_id}');
    let fixed;
    for (let action of actions) {
      if (!action || typeof action.command === 'string') continue; // a bare Command
      if (!action.edit && action.data !== undefined && caps.codeActionProvider.resolveProvider) {
        action = await guarded(connection.sendRequest(P.CodeActionResolveRequest.type, action), 'codeAction/resolve');
      }
      const edits = editsFor(action, uri);
      if (!edits) continue;
      const text = applyEdits(TEMPLATE, edits);
      if (text === expected) {
        fixed = { action, edits, text };
        break;
      }
    }
    assert.ok(
      fixed,
      `no quick fix replaces ordr_id with order_id; got ${JSON.stringify(actions.map((a) => a.title))}`,
    );
    if (fixed.action.kind !== undefined) assert.match(fixed.action.kind, /^quickfix(\.|$)/);
    if (fixed.action.edit.documentChanges) {
      for (const dc of fixed.action.edit.documentChanges) {
        if (sameUri(dc.textDocument.uri, uri) && dc.textDocument.version != null) assert.equal(dc.textDocument.version, 1);
      }
    }

    // didChange (version 2) -> no RC2001 left
    const contentChanges =
      sync === P.TextDocumentSyncKind.Incremental
        ? // applied one after another: last in the document first, so earlier ranges stay valid
          [...fixed.edits]
            .sort((a, b) => offsetAt(TEMPLATE, b.range.start) - offsetAt(TEMPLATE, a.range.start))
            .map((e) => ({ range: e.range, text: e.newText }))
        : [{ text: fixed.text }];
    await connection.sendNotification(P.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges,
    });
    const second = await waitForDiagnostics((p) => p.version === 2, 'publishDiagnostics for version 2');
    assert.deepEqual(
      second.diagnostics.filter(isRC2001),
      [],
      'RC2001 is still reported after the quick fix',
    );

    // shutdown / exit -> status 0
    await guarded(connection.sendRequest(P.ShutdownRequest.type), 'the shutdown response');
    await connection.sendNotification(P.ExitNotification.type);
    const status = await withTimeout(exited, 'the server to exit');
    assert.deepEqual(status, { code: 0, signal: null }, 'replyc lsp did not exit cleanly after shutdown/exit');
  } catch (error) {
    error.message +=
      `\n--- server stderr ---\n${stderr.slice(-4000)}` +
      `\n--- server messages ---\n${logs.slice(-20).join('\n')}` +
      `\n--- diagnostics received ---\n${JSON.stringify(published, null, 1).slice(-4000)}`;
    throw error;
  }
});
