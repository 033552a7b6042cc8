import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the report statement goes next to the attestation FILE: `.report` before the extension, where
 * `.sigstore.json` and `.intoto.json` count as one extension: `gate.sigstore.json` -> `gate.report.sigstore.json`,
 * `gate.json` -> `gate.report.json`, `gate` -> `gate.report`.
 */
export function reportAttestationPath(file: string): string {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const ext = ['.sigstore.json', '.intoto.json'].find((e) => base.endsWith(e) && base.length > e.length) ?? path.extname(base);
  const stem = ext ? base.slice(0, -ext.length) : base;
  const out = `${stem}.report${ext}`;
  return dir === '.' && !file.startsWith('./') ? out : path.join(dir, out);
}

/**
 * URIs of workspace-relative files for the attestation: in a GitHub Actions job (GITHUB_SERVER_URL, GITHUB_REPOSITORY
 * and GITHUB_SHA set) `git+<server>/<owner>/<repo>@<sha>#<path>`, elsewhere the file's `file://` URL.
 */
export function uriResolver(workspace: string, env: NodeJS.ProcessEnv = process.env): (rel: string) => string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (server && repo && sha) return (rel) => `git+${server}/${repo}@${sha}#${rel.split(path.sep).join('/')}`;
  return (rel) => pathToFileURL(path.resolve(workspace, rel)).href;
}
