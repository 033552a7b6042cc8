/**
 * Signs examples/credit/model/ (model + card) in the OpenSSF model-signing format, public-key mode (ECDSA P-256, no
 * transparency log), with the EXAMPLE key in examples/credit/keys/ — published test material, never a real key.
 * Creates the key pair on first use. Run after scripts/generate-example.ts:
 *
 *   node scripts/sign-example.ts
 */
import { generateKeyPairSync, createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signOmsWithKey } from '../test/signature/oms-sign.ts';

const ex = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../examples/credit');
const privFile = path.join(ex, 'keys/example-signing.key');
const pubFile = path.join(ex, 'keys/example-signing.pub');
if (!existsSync(privFile)) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(privFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
}
const priv = createPrivateKey(readFileSync(privFile));
writeFileSync(pubFile, createPublicKey(priv).export({ type: 'spki', format: 'pem' }));
const { bundle, rootDigest } = signOmsWithKey(path.join(ex, 'model'), priv);
writeFileSync(path.join(ex, 'model/model.sig'), bundle);
console.log(`examples/credit/model signed: root digest sha256:${rootDigest}`);
