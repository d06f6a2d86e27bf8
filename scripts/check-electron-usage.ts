// Static check (CI): Electron's dangerous APIs are used only in the files built to contain them.
//   - `new BrowserWindow(` only in main/electron/web-preferences.ts (the hardened factory)
//   - ipcMain.handle/on/... only in main/electron/ipc-host.ts, and there only as
//     `ipcMain.handle(channel, wrapHandler(...))` (sender check + payload validation)
//   - runtime imports of 'electron' only in main/electron/entry.ts and preload/preload.ts;
//     `import type` is fine anywhere (erased at build time, never loads Electron in tests)
// Uses the TypeScript parser, so comments, strings and type positions don't confuse it.
// Usage: tsx scripts/check-electron-usage.ts   → prints file:line for each violation, exit 1.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

export const WINDOW_FACTORY = 'main/electron/web-preferences.ts';
export const IPC_HOST = 'main/electron/ipc-host.ts';
export const ELECTRON_ENTRIES = ['main/electron/entry.ts', 'preload/preload.ts'];
export const SCAN_DIRS = ['main', 'preload'];

export interface Violation {
  file: string;
  line: number;
  message: string;
}

const IPC_REGISTER = new Set(['handle', 'handleOnce', 'on', 'once', 'addListener', 'prependListener']);
const isElectronModule = (s: string): boolean => s === 'electron' || s.startsWith('electron/');

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import 'electron'` runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

function stringArg(call: ts.CallExpression): string | null {
  const a = call.arguments[0];
  return a && ts.isStringLiteralLike(a) ? a.text : null;
}

/** Checks one file; `file` is the repo-relative path with forward slashes. */
export function checkSource(file: string, text: string): Violation[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Violation[] = [];
  const report = (node: ts.Node, message: string): void => {
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, message });
  };
  const electronEntry = ELECTRON_ENTRIES.includes(file);

  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (name === 'BrowserWindow' && file !== WINDOW_FACTORY) report(node, `new BrowserWindow outside ${WINDOW_FACTORY}`);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'ipcMain' && IPC_REGISTER.has(callee.name.text)) {
        const wrapped =
          file === IPC_HOST &&
          callee.name.text === 'handle' &&
          (() => {
            const h = node.arguments[1];
            return !!h && ts.isCallExpression(h) && ts.isIdentifier(h.expression) && h.expression.text === 'wrapHandler';
          })();
        if (!wrapped) report(node, `ipcMain.${callee.name.text} outside ${IPC_HOST}'s validated wrapper`);
      }
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const spec = stringArg(node);
      if ((isRequire || isDynamicImport) && spec && isElectronModule(spec) && !electronEntry) report(node, `runtime load of '${spec}' outside the entry files`);
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && isElectronModule(node.moduleSpecifier.text)) {
      if (!electronEntry && !isTypeOnlyImport(node)) report(node, `runtime import from '${node.moduleSpecifier.text}' (use \`import type\`, or inject it from entry.ts)`);
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && isElectronModule(node.moduleSpecifier.text)) {
      if (!electronEntry && !isTypeOnlyExport(node)) report(node, `runtime re-export from '${node.moduleSpecifier.text}'`);
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression;
      if (ts.isStringLiteral(e) && isElectronModule(e.text) && !node.isTypeOnly && !electronEntry) report(node, `runtime import = require('${e.text}')`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function listSources(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files.push(...listSources(root, rel));
    } else if (/\.(?:[cm]?ts|tsx|[cm]?js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(rel);
    }
  }
  return files;
}

export function checkTree(root: string, dirs: readonly string[] = SCAN_DIRS): Violation[] {
  return dirs.flatMap((d) => listSources(root, d)).flatMap((f) => checkSource(f, fs.readFileSync(path.join(root, f), 'utf8')));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const violations = checkTree(process.cwd());
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message}`);
  if (violations.length > 0) {
    console.error(`check-electron-usage: ${violations.length} violation(s)`);
    process.exit(1);
  }
  console.log('check-electron-usage: ok');
}
