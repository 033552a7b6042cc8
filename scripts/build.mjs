// Builds dist/: the bundles the runner executes from a bare checkout (no npm install).
//   dist/index.js  action entry (src/main.ts)
//   dist/cli.js    CLI entry (src/cli.ts)
//   dist/verify.js deploy-side action entry (src/verify-action.ts, verify/action.yml: main ../dist/verify.js)
//   dist/node_modules/onnxruntime-node: a trimmed copy of onnxruntime-node (its JS bundled with
//   onnxruntime-common into one file, plus the Linux x64 and arm64 native binaries). Bundlers cannot carry it:
//   it loads its native binding from a path built at run time.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const banner = [
  "import { createRequire as __mgCreateRequire } from 'node:module';",
  'const require = __mgCreateRequire(import.meta.url);',
].join('\n');

const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;

const common = {
  bundle: true,
  define: { __MODEL_GATE_VERSION__: JSON.stringify(version) },
  platform: 'node',
  target: 'node24',
  format: 'esm',
  external: ['onnxruntime-node'],
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  banner: { js: banner },
};

// One build with code splitting: the entries stay small and load the engine (and onnxruntime) only when they need
// it, so an unsupported platform gets a clear message instead of a missing native binding.
await build({
  ...common,
  entryPoints: { index: path.join(root, 'src/main.ts'), cli: path.join(root, 'src/cli.ts'), verify: path.join(root, 'src/verify-action.ts') },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
const cliFile = path.join(dist, 'cli.js');
writeFileSync(cliFile, '#!/usr/bin/env node\n' + readFileSync(cliFile, 'utf8'));

// Trimmed onnxruntime-node: its compiled JS as published (Node's CJS export detection must see its re-exports,
// which a re-bundled copy hides), onnxruntime-common's CJS build, and the Linux x64/arm64 CPU binaries.
const copyJs = (from, to) => {
  cpSync(from, to, { recursive: true, filter: (src) => !/\.(d\.ts|map)$/.test(src) });
};
const ortSrc = path.join(root, 'node_modules/onnxruntime-node');
const commonSrc = path.join(root, 'node_modules/onnxruntime-common');
const ortDst = path.join(dist, 'node_modules/onnxruntime-node');
const commonDst = path.join(dist, 'node_modules/onnxruntime-common');
const ortPkg = JSON.parse(readFileSync(path.join(ortSrc, 'package.json'), 'utf8'));
const commonPkg = JSON.parse(readFileSync(path.join(commonSrc, 'package.json'), 'utf8'));
copyJs(path.join(ortSrc, 'dist'), path.join(ortDst, 'dist'));
copyJs(path.join(commonSrc, 'dist/cjs'), path.join(commonDst, 'dist/cjs'));
for (const arch of ['x64', 'arm64']) {
  const from = path.join(ortSrc, 'bin/napi-v6/linux', arch);
  if (!existsSync(from)) throw new Error(`onnxruntime-node has no Linux ${arch} binaries at ${from}`);
  cpSync(from, path.join(ortDst, 'bin/napi-v6/linux', arch), { recursive: true });
}
const pkg = (p, extra) => JSON.stringify({ name: p.name, version: p.version, license: p.license, ...extra }, null, 2) + '\n';
writeFileSync(path.join(ortDst, 'package.json'), pkg(ortPkg, { main: 'dist/index.js', dependencies: { 'onnxruntime-common': commonPkg.version } }));
writeFileSync(path.join(commonDst, 'package.json'), pkg(commonPkg, { main: 'dist/cjs/index.js', exports: { require: './dist/cjs/index.js', default: './dist/cjs/index.js' } }));
writeFileSync(
  path.join(dist, 'node_modules/NOTICE.md'),
  `Trimmed copies of onnxruntime-node ${ortPkg.version} and onnxruntime-common ${commonPkg.version} (MIT, Copyright (c) Microsoft Corporation),\n` +
    'made by scripts/build.mjs: their compiled JavaScript and the Linux x64 and arm64 CPU binaries.\n',
);
console.log('dist/ built');
