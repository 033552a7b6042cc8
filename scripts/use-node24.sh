# Source this file: puts Node 24 on PATH (installs it from the npm registry into .node/ when the machine's node is older).
#   source scripts/use-node24.sh
_mg_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_mg_major="$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')"
if [ -z "${_mg_major}" ] || [ "${_mg_major}" -lt 24 ]; then
  if [ ! -x "${_mg_root}/.node/node_modules/.bin/node" ]; then
    npm install --prefix "${_mg_root}/.node" --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  export PATH="${_mg_root}/.node/node_modules/.bin:${PATH}"
fi
node --version >&2
unset _mg_root _mg_major
