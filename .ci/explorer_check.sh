#!/usr/bin/env bash
# Real-browser check of the MAE explorer (nbs/15_explorer.ipynb). NOT part of CI: it needs Chromium and npm.
# Starts JupyterLab on localhost (no token, a temporary directory, a free port) with a copy of the notebook, runs
# all cells in headless Chromium (playwright-core), moves the mask-ratio slider, waits for the loss line to change,
# saves a screenshot, and shuts JupyterLab down. Exits non-zero when any step fails.
# Usage (repository root, the project's Python environment active):
#   .ci/explorer_check.sh [screenshot.png]     # default: nbs/results/explorer_check/explorer.png
# Environment: CHROMIUM (default /usr/bin/chromium; apt-get install -y chromium), PYTHON (default python),
#              CHECK_TIMEOUT seconds for running the notebook (default 600).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$(realpath -m "${1:-nbs/results/explorer_check/explorer.png}")
chromium=${CHROMIUM:-/usr/bin/chromium}
py=${PYTHON:-python}
[ -x "$chromium" ] || { echo "explorer_check: no Chromium at $chromium (apt-get install -y chromium, or set CHROMIUM)" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "explorer_check: needs node and npm" >&2; exit 2; }
"$py" -c "import jupyterlab, ipywidgets, mae_lit" || { echo "explorer_check: activate the environment with jupyterlab, ipywidgets and mae_lit" >&2; exit 2; }

# playwright-core (the library only, no bundled browsers) in .ci/node_modules, which git ignores
if [ ! -f .ci/node_modules/playwright-core/package.json ]; then
  npm install --prefix .ci --no-save --no-package-lock --no-audit --no-fund playwright-core@1 >/dev/null
fi

tmp=$(mktemp -d)
lab_pid=
cleanup() {
  if [ -n "$lab_pid" ] && kill -0 "$lab_pid" 2>/dev/null; then
    kill "$lab_pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$lab_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# a copy (JupyterLab autosaves) in a skeleton nbdev project, so the notebook's last cell (nbdev_export) finds one;
# it exports into the temporary folder, while the kernel imports the installed mae_lit
mkdir -p "$tmp/nbs/results"
cp settings.ini "$tmp/"
cp nbs/15_explorer.ipynb "$tmp/nbs/"
[ -d nbs/results/explorer_check ] && cp -r nbs/results/explorer_check "$tmp/nbs/results/"
# no news / update pop-ups over the screenshot
mkdir -p "$tmp/settings/@jupyterlab/apputils-extension"
echo '{"fetchNews": "false", "checkForUpdates": false}' > "$tmp/settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
# render every cell (no windowing), so the explorer's widgets exist wherever the page is scrolled
mkdir -p "$tmp/settings/@jupyterlab/notebook-extension"
echo '{"windowingMode": "none"}' > "$tmp/settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export JUPYTER_CONFIG_DIR="$tmp/config" JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTERLAB_WORKSPACES_DIR="$tmp/workspaces"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} MPLBACKEND=module://matplotlib_inline.backend_inline
"$py" -m jupyterlab --no-browser --ip=127.0.0.1 --port="$port" --ServerApp.port_retries=0 \
  --IdentityProvider.token='' --ServerApp.password='' --ServerApp.root_dir="$tmp" \
  --LabApp.expose_app_in_browser=True --LabApp.user_settings_dir="$tmp/settings" \
  --LabApp.workspaces_dir="$tmp/workspaces" --ServerApp.terminals_enabled=False \
  $([ "$(id -u)" = 0 ] && echo --allow-root) >"$tmp/lab.log" 2>&1 &
lab_pid=$!

url="http://127.0.0.1:$port"
for i in $(seq 120); do
  curl -sf "$url/api/status" >/dev/null 2>&1 && break
  kill -0 "$lab_pid" 2>/dev/null || { echo "explorer_check: JupyterLab exited:" >&2; tail -20 "$tmp/lab.log" >&2; exit 1; }
  sleep 0.5
  [ "$i" = 120 ] && { echo "explorer_check: JupyterLab did not answer on $url" >&2; tail -20 "$tmp/lab.log" >&2; exit 1; }
done
echo "JupyterLab on $url (pid $lab_pid, folder $tmp)"
mkdir -p "$(dirname "$out")"
status=0
CHROMIUM="$chromium" node .ci/explorer_check.mjs "$url/lab/tree/nbs/15_explorer.ipynb" "$out" "${CHECK_TIMEOUT:-600}" || status=$?
[ "$status" = 0 ] || { echo "--- JupyterLab log (tail) ---" >&2; tail -20 "$tmp/lab.log" >&2; }
exit "$status"
