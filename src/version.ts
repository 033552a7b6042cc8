import { readFileSync } from 'node:fs';

/** Replaced by the build (scripts/build.mjs `define`) with package.json's version; read from it when run from src/. */
declare const __MODEL_GATE_VERSION__: string | undefined;

/** model-gate's version (package.json), for `--version` and the report's environment. */
export const VERSION: string =
  typeof __MODEL_GATE_VERSION__ === 'string'
    ? __MODEL_GATE_VERSION__
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
