import { createHash, createVerify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { sigFail } from './errors.ts';
import { keyFingerprint } from './keys.ts';

/**
 * cosign key-based blob signatures (`cosign sign-blob --key cosign.key --output-signature model.sig model.onnx`,
 * checked upstream with `cosign verify-blob --key cosign.pub --signature model.sig model.onnx`): the file holds
 * the base64 of a DER ECDSA (or RSA PKCS#1 v1.5) signature over SHA-256 of the blob. There is no log entry and no
 * timestamp: the report says transparency: none. The blob is streamed (bounded memory).
 */
export async function verifyCosignBlob(opts: { signature: Buffer; name: string; blobPath: string; key: KeyObject }): Promise<{ keyFingerprint: string; sha256: string }> {
  const { key, name } = opts;
  if (key.asymmetricKeyType !== 'ec' && key.asymmetricKeyType !== 'rsa') {
    throw sigFail('wrong-key', `${name}: cosign blob signatures are checked with ECDSA or RSA keys, got a ${key.asymmetricKeyType} key`);
  }
  const sig = Buffer.from(opts.signature.toString('utf8').trim(), 'base64');
  const v = createVerify('sha256');
  const h = createHash('sha256');
  for await (const chunk of createReadStream(opts.blobPath, { highWaterMark: 4 << 20 })) {
    v.update(chunk as Buffer);
    h.update(chunk as Buffer);
  }
  let ok = false;
  try {
    ok = v.verify(key, sig);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw sigFail('invalid', `${name}: the cosign signature does not verify over the model with key ${keyFingerprint(key)}: the model was changed after signing, or it was signed with another key`);
  }
  return { keyFingerprint: keyFingerprint(key), sha256: h.digest('hex') };
}
