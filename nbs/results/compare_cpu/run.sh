#!/usr/bin/env bash
# The committed CPU comparison of the comparison chapter. From the repository root, on an otherwise idle machine (the
# runs go one after another; a second process on the same cores would change the seconds every budget buys):
#   bash nbs/results/compare_cpu/run.sh
# It writes the full run folders (with weights) under runs/compare_cpu, then copies the light files (tables, configs,
# metrics, figures, embeddings; no weights) here. Running it again skips finished runs and resumes an interrupted one.
set -euo pipefail
here=nbs/results/compare_cpu
out=${OUT:-runs/compare_cpu}
mae_lit_compare --methods mae simclr ijepa supervised --seeds 0 1 2 --budgets 10 30 60 --finetune-epochs 8 \
    --data sample --device cpu --out "$out"
python -c "import sys, pandas as pd; from mae_lit.compare import plot_budgets; plot_budgets(pd.read_csv(sys.argv[1] + '/results.csv'), path=sys.argv[1] + '/accuracy_vs_seconds.png')" "$out"
python - "$out" "$here" <<'PY'
import shutil, sys
from pathlib import Path
src, dst = map(Path, sys.argv[1:])
for f in src.rglob('*'):
    if f.is_file() and f.suffix != '.safetensors' and 'snapshots' not in f.parts:
        t = dst/f.relative_to(src); t.parent.mkdir(parents=True, exist_ok=True); shutil.copy2(f, t)
PY
