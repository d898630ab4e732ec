// VS Code extension for replyc: starts `replyc lsp` (JSON-RPC over stdio) through
// vscode-languageclient and keeps it in step with the `replyc.*` settings.
//
// Plain CommonJS on purpose: no build step, the packaged .vsix ships this file as is.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, RevealOutputChannelOn, State } = require('vscode-languageclient/node');

const CLIENT_ID = 'replyc';
const CLIENT_NAME = 'replyc';
const SECTION = 'replyc';

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let outputChannel;
/** The settings the running client was started with (path and the --lang argument). */
let startedWith;
/** Serialises start/stop/restart so that quick setting changes cannot interleave. */
let pending = Promise.resolve();

function settings() {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    path: c.get('path', 'replyc') || 'replyc',
    failOn: c.get('failOn', 'error'),
    messageLanguage: c.get('messageLanguage', 'auto'),
  };
}

/** The options the server gets in `initialize` (and, under `replyc`, on didChangeConfiguration). */
function initializationOptions() {
  const s = settings();
  return { failOn: s.failOn, messageLanguage: s.messageLanguage };
}

function workspaceRoot() {
  const folders = vscode.workspace.workspaceFolders;
  return folders && folders.length > 0 ? folders[0].uri.fsPath : undefined;
}

/** Expands `~` and `${workspaceFolder}`, and makes a relative path with a slash absolute. */
function expandPath(p) {
  let out = p.trim();
  const root = workspaceRoot();
  if (root) out = out.replace(/\$\{workspaceFolder\}/g, root);
  if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) out = path.join(os.homedir(), out.slice(1));
  if (!path.isAbsolute(out) && /[\\/]/.test(out) && root) out = path.resolve(root, out);
  return out;
}

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the executable the way spawn() would, so that a missing server is reported with a
 * clear message instead of a bare ENOENT. Returns undefined when it cannot be found.
 */
function resolveExecutable(command) {
  if (path.isAbsolute(command) || /[\\/]/.test(command)) {
    return isExecutableFile(command) ? command : undefined;
  }
  const exts = process.platform === 'win32'
    ? ['', ...(process.env.PATHEXT || '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)]
    : [''];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function serverArgs(s) {
  const args = ['lsp'];
  if (s.messageLanguage && s.messageLanguage !== 'auto') args.push('--lang', s.messageLanguage);
  return args;
}

async function showStartError(command, detail) {
  const open = 'Open Settings';
  const output = 'Show Output';
  const message =
    `replyc: could not start the language server "${command} lsp"` +
    (detail ? ` (${detail})` : '') +
    '. Install replyc or set "replyc.path" to the replyc executable.';
  const choice = await vscode.window.showErrorMessage(message, open, output);
  if (choice === open) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'replyc.path');
  } else if (choice === output && outputChannel) {
    outputChannel.show(true);
  }
}

async function startClient() {
  const s = settings();
  const command = expandPath(s.path);
  startedWith = { path: s.path, messageLanguage: s.messageLanguage };

  const resolved = resolveExecutable(command);
  if (!resolved) {
    outputChannel.appendLine(`replyc: executable "${command}" not found (PATH=${process.env.PATH || ''})`);
    void showStartError(command, 'executable not found');
    return;
  }

  const serverOptions = {
    command: resolved,
    args: serverArgs(s),
    options: { cwd: workspaceRoot(), env: process.env },
  };
  const clientOptions = {
    documentSelector: [{ language: 'reply' }],
    initializationOptions: initializationOptions(),
    synchronize: { configurationSection: SECTION },
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      // start() rejects after this; the catch below tells the user.
      outputChannel.appendLine(`replyc: initialize failed: ${error && error.message ? error.message : error}`);
      return false;
    },
  };

  const c = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (error) {
    if (client === c) client = undefined;
    outputChannel.appendLine(`replyc: failed to start ${resolved}: ${error && error.stack ? error.stack : error}`);
    void showStartError(command, error && error.message ? error.message : String(error));
    try {
      await c.dispose();
    } catch {
      // already gone
    }
  }
}

async function stopClient() {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    if (c.state !== State.Stopped) await c.stop(5000);
  } catch (error) {
    outputChannel.appendLine(`replyc: error while stopping the server: ${error && error.message ? error.message : error}`);
  }
  try {
    await c.dispose();
  } catch {
    // already disposed
  }
}

function enqueue(task) {
  pending = pending.then(task, task);
  return pending;
}

function restart() {
  return enqueue(async () => {
    await stopClient();
    await startClient();
  });
}

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  outputChannel = vscode.window.createOutputChannel('replyc');
  context.subscriptions.push(outputChannel);

  context.subscriptions.push(
    vscode.commands.registerCommand('replyc.restartServer', () => restart()),
    vscode.commands.registerCommand('replyc.showOutput', () => outputChannel.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      const s = settings();
      // The executable and its --lang argument are fixed at spawn time: restart for those.
      // Everything else reaches the running server as workspace/didChangeConfiguration
      // (vscode-languageclient sends it because of synchronize.configurationSection).
      if (!startedWith || s.path !== startedWith.path || s.messageLanguage !== startedWith.messageLanguage) {
        void restart();
      }
    }),
  );

  return enqueue(startClient);
}

function deactivate() {
  return enqueue(stopClient);
}

module.exports = {
  activate,
  deactivate,
  // exported for tests
  _internal: { expandPath, resolveExecutable, serverArgs, initializationOptions },
};
