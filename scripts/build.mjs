// Builds dist/: the bundles the runner executes from a bare checkout (no npm install).
//   dist/index.js  action entry (src/main.ts)
//   dist/cli.js    CLI entry (src/cli.ts)
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

const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  external: ['onnxruntime-node'],
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  banner: { js: banner },
};

await build({ ...common, entryPoints: [path.join(root, 'src/main.ts')], outfile: path.join(dist, 'index.js') });
await build({
  ...common,
  entryPoints: [path.join(root, 'src/cli.ts')],
  outfile: path.join(dist, 'cli.js'),
  banner: { js: '#!/usr/bin/env node\n' + banner },
});

// Trimmed onnxruntime-node.
const ortSrc = path.join(root, 'node_modules/onnxruntime-node');
const ortDst = path.join(dist, 'node_modules/onnxruntime-node');
const ortPkg = JSON.parse(readFileSync(path.join(ortSrc, 'package.json'), 'utf8'));
mkdirSync(path.join(ortDst, 'dist'), { recursive: true });
await build({
  entryPoints: [path.join(ortSrc, 'dist/index.js')],
  outfile: path.join(ortDst, 'dist/index.js'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  legalComments: 'inline',
  logLevel: 'error',
  // The native binding path is built at run time (`../bin/napi-v6/${platform}/${arch}/...`): leave it alone.
  external: ['*.node'],
});
for (const arch of ['x64', 'arm64']) {
  const from = path.join(ortSrc, 'bin/napi-v6/linux', arch);
  if (!existsSync(from)) throw new Error(`onnxruntime-node has no Linux ${arch} binaries at ${from}`);
  cpSync(from, path.join(ortDst, 'bin/napi-v6/linux', arch), { recursive: true });
}
writeFileSync(
  path.join(ortDst, 'package.json'),
  JSON.stringify({ name: 'onnxruntime-node', version: ortPkg.version, license: ortPkg.license, main: 'dist/index.js', type: 'commonjs' }, null, 2) + '\n',
);
const licence = ['LICENSE', 'LICENSE.txt', 'ThirdPartyNotices.txt'].find((f) => existsSync(path.join(ortSrc, f)));
writeFileSync(
  path.join(ortDst, 'NOTICE.md'),
  `Trimmed copy of onnxruntime-node ${ortPkg.version} (MIT, Microsoft Corporation), built by scripts/build.mjs:\n` +
    'dist/index.js bundles onnxruntime-node and onnxruntime-common; bin/ holds the Linux x64 and arm64 CPU binaries.\n',
);
if (licence) cpSync(path.join(ortSrc, licence), path.join(ortDst, licence));
console.log('dist/ built');
