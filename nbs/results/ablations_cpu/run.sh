#!/usr/bin/env bash
# The MAE paper's ablations on the CPU (the ablations chapter): every setting of the seven ablations in mae_lit.ablate's
# ABLATIONS, 8 pretraining epochs for the default run, seeds 0-4 (SEEDS=...), scored by kNN and linear probe, the
# mask-ratio and decoder-depth runs fine-tuned for 8 epochs. From the repository root:
#   bash nbs/results/ablations_cpu/run.sh
# Two processes share the grid, each on one core with one thread (taskset -c 0/1, OMP_NUM_THREADS=1): each takes the
# next run that the other does not hold. The runs are fixed numbers of epochs, so other work on the machine changes no
# score, only the measured seconds per step (run nothing else meanwhile if those matter). Committed rows are copied
# into the run folder first, so finished runs are skipped and a stopped grid continues where it was (a stopped run
# resumes from its last checkpoint; FRESH=1 with a new OUT trains the whole grid again and replaces the committed
# rows); the light files (no weights, no logs) are copied back here at the end, and timing.py writes timing.csv, the
# seconds each run took.
set -euo pipefail
here=nbs/results/ablations_cpu
out=${OUT:-runs/ablations_cpu}
seeds=${SEEDS:-0 1 2 3 4}
mkdir -p "$out"
[ -n "${FRESH:-}" ] || cp -rn "$here"/. "$out"/ 2>/dev/null || true  # FRESH=1: train every run again, into an empty OUT
for c in 0 1; do
  OMP_NUM_THREADS=1 taskset -c $c mae_lit_ablate --seeds $seeds --data sample --device cpu --out "$out" > "$out/core$c.log" 2>&1 &
done
wait
# every run is on disk: this call trains nothing, writes results.csv and prints the tables
OMP_NUM_THREADS=1 mae_lit_ablate --seeds $seeds --data sample --device cpu --out "$out" --collect-only > "$out/tables.txt"
python - "$out" <<'PY'
import sys, pandas as pd
from mae_lit.ablate import plot_mask_ratio, plot_length
df = pd.read_csv(sys.argv[1] + '/results.csv')
plot_mask_ratio(df, sys.argv[1] + '/mask_ratio.png'); plot_length(df, sys.argv[1] + '/length.png')
PY
# how long each run took (its files' times in the run folders) -> timing.csv here, before the new runs are copied back
python "$here/timing.py" "$out"
python - "$out" "$here" <<'PY'
import shutil, sys
from pathlib import Path
src, dst = map(Path, sys.argv[1:])
for f in src.rglob('*'):
    if (f.is_file() and f.suffix not in ('.safetensors', '.log') and 'snapshots' not in f.parts and not f.name.startswith('.')
            and f.name not in ('run.sh', 'command.txt', 'timing.py', 'timing.csv')):
        t = dst/f.relative_to(src); t.parent.mkdir(parents=True, exist_ok=True); shutil.copy2(f, t)
PY
