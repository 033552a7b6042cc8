#!/usr/bin/python3
"""Snappy-compressed fixtures for test/util/snappy.test.ts, made with an independent encoder (Debian's
python3-snappy, the C++ libsnappy): GitHub's attestations API serves bundles at `bundle_url` in this encoding.

    apt-get install python3-snappy && /usr/bin/python3 scripts/make-snappy-fixtures.py

Writes test/fixtures/snappy/<name>.sz and <name>.sha256 (sha256 of the uncompressed bytes)."""
import hashlib, os, random, snappy

root = os.path.join(os.path.dirname(__file__), '..')
out = os.path.join(root, 'test/fixtures/snappy')
os.makedirs(out, exist_ok=True)

def write(name, data):
    open(os.path.join(out, name + '.sz'), 'wb').write(snappy.compress(data))
    open(os.path.join(out, name + '.sha256'), 'w').write(hashlib.sha256(data).hexdigest() + '\n')

# A real Sigstore DSSE bundle (the conformance suite's in-toto case).
write('bundle', open(os.path.join(root, 'test/fixtures/sigstore-conformance/bundle-verify/intoto-with-custom-trust-root/bundle.sigstore.json'), 'rb').read())
# 100 kB of text with repeats near and far (1- and 2-byte offset copies, long literals, two 64 kB blocks).
rng = random.Random(7)
words = [''.join(rng.choice('abcdefghij') for _ in range(rng.randint(2, 9))) for _ in range(400)]
text = ' '.join(rng.choice(words) for _ in range(50000)).encode()
write('text', text[:100000])
# Incompressible bytes (literals only, lengths beyond the one-byte tag forms).
write('random', bytes(rng.getrandbits(8) for _ in range(5000)))
