/**
 * `model-gate sign MODEL_PATH (--signing-key PEM | --keyless [--oidc-token-file F] [--fulcio-url U] [--rekor-url U]) [--output FILE] [--force] [--ignore-paths a,b] [--method files|shards]
 * [--shard-size N]`: writes an OpenSSF model signing bundle (key mode or keyless) that `model-gate verify --key` and upstream
 * `model_signing verify key` accept. Exit 0 signed, 2 unusable input (nothing is written then).
 */
import { existsSync, lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { GateError, asGateError, debugStack } from '../errors.ts';
import { loadSigningKey } from '../signature/sign/dsse.ts';
import { DEFAULT_SHARD_SIZE, signModelOmsWith } from '../signature/sign/oms.ts';
import { keySigner } from '../signature/sign/signer.ts';
import { neutraliseLog } from '../util/escape.ts';
import { checkOutputPath, writeOutputFile } from '../util/safe-write.ts';
import { defineCommand, listFlag, parseCommand, readKeyFile, usageError, UsageError, type Command, type Io } from './args.ts';
import { SIGN_USAGE } from './help.ts';
import { checkKeylessFlags, keylessSignerFromFlags, KEYLESS_OPTIONS } from './keyless.ts';

const SIGN = defineCommand({
  name: 'sign',
  options: {
    'signing-key': { type: 'string' },
    output: { type: 'string' },
    force: { type: 'boolean' },
    'ignore-paths': { type: 'string', multiple: true },
    method: { type: 'string' },
    'shard-size': { type: 'string' },
    ...KEYLESS_OPTIONS,
  },
} as const satisfies Command<ParseArgsOptionsConfig>);

export async function runSignCommand(argv: string[], io: Io): Promise<number> {
  let debug = false;
  try {
    const { values, positionals } = parseCommand(SIGN, argv);
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(SIGN_USAGE + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one MODEL_PATH (the model file or folder to sign)');
    const keyFile = values['signing-key'];
    checkKeylessFlags(values, keyFile);
    if (!keyFile && !values.keyless) throw new UsageError('give --signing-key PEM (key mode) or --keyless (the OIDC identity of this CI job)');
    const method = values.method ?? 'files';
    if (method !== 'files' && method !== 'shards') throw new UsageError(`--method must be files or shards, got "${method}"`);
    let shardSize = DEFAULT_SHARD_SIZE;
    if (values['shard-size'] !== undefined) {
      if (method !== 'shards') throw new UsageError('--shard-size needs --method shards');
      if (!/^[1-9]\d*$/.test(values['shard-size']) || !Number.isSafeInteger(Number(values['shard-size']))) throw new UsageError(`--shard-size must be a positive integer, got "${values['shard-size']}"`);
      shardSize = Number(values['shard-size']);
    }
    const modelArg = positionals[0];
    const modelAbs = path.resolve(modelArg);
    let isDir: boolean;
    try {
      isDir = statSync(modelAbs).isDirectory();
    } catch (e) {
      throw new GateError('sign.input', `model path ${modelArg} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): give the model file or folder`);
    }
    const output = values.output ?? (isDir ? path.join(modelArg, 'model.sig') : `${modelArg}.sig`);
    const outAbs = checkOutputPath(output, [process.cwd()], '--output', 'the current directory', { literalAnywhere: true });
    if (!values.force && (existsSync(outAbs) || isSymlink(outAbs))) throw new GateError('sign.exists', `--output ${output} exists: give --force to replace it, or another --output`);
    // --ignore-paths: relative to the model folder (as upstream); a path given from here that lies in it is accepted too.
    const prefix = modelArg.replace(/\/+$/, '') + '/';
    const ignorePaths = listFlag(values['ignore-paths'] as string[] | undefined).map((p) => (path.isAbsolute(p) || p.startsWith(prefix) ? path.relative(modelAbs, path.resolve(p)).split(path.sep).join('/') : p));
    if (!isDir && ignorePaths.length) throw new UsageError('--ignore-paths applies to a model folder, but MODEL_PATH is a file');

    const signer = keyFile ? keySigner(loadSigningKey(readKeyFile(keyFile, '--signing-key'), keyFile)) : keylessSignerFromFlags(values);
    const signed = await signModelOmsWith({ modelPath: modelAbs, signaturePath: outAbs, ignorePaths, method, shardSize }, signer);
    writeOutputFile(output, JSON.stringify(signed.bundle) + '\n', [process.cwd()], '--output', 'the current directory', { literalAnywhere: true });
    const files = new Set(signed.resources.map((r) => (method === 'shards' ? r.split(':')[0] : r))).size;
    const who = signer.signerIdentity();
    const by = who ? `, keyless as ${who.identity} (issuer ${who.issuer}), transparency log index ${(signed.bundle.verificationMaterial.tlogEntries[0] as { logIndex: string }).logIndex}` : '';
    io.stdout.write(`signed ${files} file(s) of ${modelArg} (${method}): root digest sha256:${signed.rootDigest}${by}\nwrote ${output}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, SIGN_USAGE);
    const err = asGateError(e);
    io.stderr.write(`model-gate: sign: ${neutraliseLog(err.located)}\n`);
    if (debug) io.stderr.write(`${debugStack(err)}\n`);
    return 2;
  }
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
