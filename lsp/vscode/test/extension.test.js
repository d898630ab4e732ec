// Tests of extension.js without VS Code: the `vscode` module and vscode-languageclient are
// replaced by small fakes that record what the extension asks of them.
//
//   node --test lsp/vscode/test/
'use strict';

const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');

const EXTENSION = path.resolve(__dirname, '..', 'extension.js');

let fake; // the state of the fakes for the current test

function makeFakes() {
  const state = {
    config: { path: 'replyc', failOn: 'error', messageLanguage: 'auto', 'trace.server': 'off' },
    configListeners: [],
    errors: [],
    commands: new Map(),
    executed: [],
    clients: [],
    startError: undefined,
    workspaceRoot: undefined,
  };

  const vscode = {
    workspace: {
      getConfiguration(section) {
        assert.equal(section, 'replyc');
        return { get: (key, def) => (key in state.config ? state.config[key] : def) };
      },
      get workspaceFolders() {
        return state.workspaceRoot ? [{ uri: { fsPath: state.workspaceRoot }, name: 'ws', index: 0 }] : undefined;
      },
      onDidChangeConfiguration(listener) {
        state.configListeners.push(listener);
        return { dispose() {} };
      },
    },
    window: {
      createOutputChannel: (name) => ({
        name,
        lines: [],
        appendLine(l) {
          this.lines.push(l);
        },
        append() {},
        show() {},
        dispose() {},
      }),
      showErrorMessage(message, ...items) {
        state.errors.push({ message, items });
        return Promise.resolve(undefined);
      },
    },
    commands: {
      registerCommand(id, fn) {
        state.commands.set(id, fn);
        return { dispose() {} };
      },
      executeCommand(...args) {
        state.executed.push(args);
        return Promise.resolve();
      },
    },
  };

  const State = { Stopped: 1, Starting: 3, Running: 2 };
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, state: State.Stopped, started: 0, stopped: 0, disposed: 0 });
      state.clients.push(this);
    }
    async start() {
      this.started++;
      if (state.startError) throw state.startError;
      this.state = State.Running;
    }
    async stop() {
      this.stopped++;
      this.state = State.Stopped;
    }
    async dispose() {
      this.disposed++;
      this.state = State.Stopped;
    }
  }
  const languageclient = { LanguageClient, State, RevealOutputChannelOn: { Info: 1, Warn: 2, Error: 3, Never: 4 } };
  return { state, vscode, languageclient };
}

const originalLoad = Module._load;
let savedPath;
let tmp;

beforeEach(() => {
  fake = makeFakes();
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return fake.vscode;
    if (request === 'vscode-languageclient/node') return fake.languageclient;
    return originalLoad.call(this, request, parent, isMain);
  };
  delete require.cache[EXTENSION];
  savedPath = process.env.PATH;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'replyc-ext-'));
});

afterEach(() => {
  Module._load = originalLoad;
  delete require.cache[EXTENSION];
  process.env.PATH = savedPath;
  fs.rmSync(tmp, { recursive: true, force: true });
});

function fakeServer(dir, name = 'replyc') {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(file, 0o755);
  return file;
}

function context() {
  return { subscriptions: [] };
}

function changeConfig(values) {
  Object.assign(fake.state.config, values);
  const event = { affectsConfiguration: (s) => s === 'replyc' || Object.keys(values).some((k) => `replyc.${k}` === s) };
  for (const l of fake.state.configListeners) l(event);
}

const settle = () => new Promise((r) => setTimeout(r, 20));

test('activate starts `replyc lsp --lang` for the reply language with the settings', async () => {
  const server = fakeServer(path.join(tmp, 'bin'));
  Object.assign(fake.state.config, { path: server, failOn: 'warning', messageLanguage: 'zh-CN' });
  const ext = require(EXTENSION);
  await ext.activate(context());

  assert.equal(fake.state.clients.length, 1);
  const c = fake.state.clients[0];
  assert.equal(c.id, 'replyc', 'client id must be replyc so that replyc.trace.server applies');
  assert.equal(c.serverOptions.command, server);
  assert.deepEqual(c.serverOptions.args, ['lsp', '--lang', 'zh-CN']);
  assert.equal(c.serverOptions.transport, undefined, 'a stdio transport kind would append --stdio');
  assert.deepEqual(c.clientOptions.documentSelector, [{ language: 'reply' }]);
  assert.deepEqual(c.clientOptions.synchronize, { configurationSection: 'replyc' });
  assert.deepEqual(c.clientOptions.initializationOptions, { failOn: 'warning', messageLanguage: 'zh-CN' });
  assert.equal(c.started, 1);
  assert.deepEqual(fake.state.errors, []);
  assert.ok(fake.state.commands.has('replyc.restartServer'));

  await ext.deactivate();
  assert.equal(c.stopped, 1);
});

test('messageLanguage auto passes no --lang, and a bare name is found on PATH', async () => {
  const bin = path.join(tmp, 'bin');
  const server = fakeServer(bin);
  process.env.PATH = `${path.join(tmp, 'empty')}${path.delimiter}${bin}`;
  const ext = require(EXTENSION);
  await ext.activate(context());
  const c = fake.state.clients[0];
  assert.equal(c.serverOptions.command, server);
  assert.deepEqual(c.serverOptions.args, ['lsp']);
  await ext.deactivate();
});

test('a path relative to the workspace and ${workspaceFolder} are expanded', async () => {
  fake.state.workspaceRoot = tmp;
  const server = fakeServer(path.join(tmp, 'tools'));
  fake.state.config.path = 'tools/replyc';
  let ext = require(EXTENSION);
  await ext.activate(context());
  assert.equal(fake.state.clients[0].serverOptions.command, server);
  assert.equal(fake.state.clients[0].serverOptions.options.cwd, tmp);
  await ext.deactivate();

  fake.state.clients.length = 0;
  delete require.cache[EXTENSION];
  fake.state.config.path = '${workspaceFolder}/tools/replyc';
  ext = require(EXTENSION);
  await ext.activate(context());
  assert.equal(fake.state.clients[0].serverOptions.command, server);
  await ext.deactivate();
});

test('changing replyc.path restarts the client, other settings do not', async () => {
  const first = fakeServer(path.join(tmp, 'a'));
  const second = fakeServer(path.join(tmp, 'b'));
  fake.state.config.path = first;
  const ext = require(EXTENSION);
  await ext.activate(context());
  assert.equal(fake.state.clients.length, 1);

  changeConfig({ failOn: 'note' });
  await settle();
  assert.equal(fake.state.clients.length, 1, 'failOn goes through didChangeConfiguration, no restart');
  assert.equal(fake.state.clients[0].stopped, 0);

  changeConfig({ path: second });
  await settle();
  assert.equal(fake.state.clients.length, 2);
  assert.equal(fake.state.clients[0].stopped, 1);
  assert.equal(fake.state.clients[1].serverOptions.command, second);
  assert.deepEqual(fake.state.clients[1].clientOptions.initializationOptions, { failOn: 'note', messageLanguage: 'auto' });

  changeConfig({ messageLanguage: 'en' });
  await settle();
  assert.equal(fake.state.clients.length, 3, 'the --lang argument changed: restart');
  assert.deepEqual(fake.state.clients[2].serverOptions.args, ['lsp', '--lang', 'en']);
  await ext.deactivate();
});

test('a missing executable gives a clear error that points at replyc.path', async () => {
  fake.state.config.path = path.join(tmp, 'nowhere', 'replyc');
  const ext = require(EXTENSION);
  await ext.activate(context());
  assert.equal(fake.state.clients.length, 0, 'no client for a server that cannot exist');
  assert.equal(fake.state.errors.length, 1);
  const { message, items } = fake.state.errors[0];
  assert.match(message, /could not start the language server/);
  assert.ok(message.includes(path.join(tmp, 'nowhere', 'replyc')), message);
  assert.match(message, /replyc\.path/);
  assert.ok(items.includes('Open Settings'));
  await ext.deactivate();
});

test('a server that fails to start gives a clear error', async () => {
  fake.state.config.path = fakeServer(path.join(tmp, 'bin'));
  fake.state.startError = new Error('spawn EACCES');
  const ext = require(EXTENSION);
  await ext.activate(context());
  assert.equal(fake.state.errors.length, 1);
  assert.match(fake.state.errors[0].message, /could not start the language server.*spawn EACCES/);
  assert.equal(fake.state.clients[0].disposed, 1);
  await ext.deactivate();
});
