#!/usr/bin/env bash
# The long-budget CPU comparison of the comparison chapter: 600 s of training per run, MAE, SimCLR, I-JEPA and the
# supervised ViT (each with the base lr chosen on the validation split by nbs/results/tuning_study), seeds 0 to 4, the
# random-init encoder and raw pixels per seed, every self-supervised encoder and the random-init one fine-tuned for 8
# epochs. From the repository root:
#   bash nbs/results/compare_long_cpu/run.sh
# Two processes, each on one core with one thread (on two cores a second thread buys a small model little: 66 against
# 60 ms per MAE step), so the budget is 600 s of one core, with the other core busy with the other process. Each budget
# was converted into steps from the seconds per step measured at the start of each of the first runs (seeds 0 1 2; SimCLR
# 0 1), under that load; steps.json holds the mean steps of those runs per method (written from results.csv by the
# command in command.txt), and every other run trains exactly that many steps, so its compute does not depend on what
# else the machine does (its measured seconds do: run nothing else meanwhile). Committed rows are copied into the run
# folder first, so finished runs are skipped and a stopped comparison continues where it was; the light files (no
# weights) are copied back here at the end.
set -euo pipefail
here=nbs/results/compare_long_cpu
out=${OUT:-runs/compare_long_cpu}
seeds=${SEEDS:-0 1 2 3 4}
mkdir -p "$out"
cp -rn "$here"/. "$out"/ 2>/dev/null || true
tune=nbs/results/tuning_study
settings=$(python -c "import json, sys; print(json.dumps(json.load(open(sys.argv[1]))['settings']))" $tune/chosen.json)
sps=$(python -c "import json, sys; j = json.load(open(sys.argv[1])); print(' '.join(f'{m}={j[\"budget_s\"] / n!r}' for m, n in j['steps'].items()))" $here/steps.json)
common=(--budgets 600 --finetune-epochs 8 --data sample --device cpu --out "$out" --settings "$settings" --s-per-step $sps)
# the pretraining runs first, MAE and SimCLR on core 0, I-JEPA and the supervised ViT on core 1, so that every run is
# trained beside another training run (each run is scored, and fine-tuned, as soon as it ends)
OMP_NUM_THREADS=1 taskset -c 0 mae_lit_compare --methods mae simclr --no-baselines --seeds $seeds "${common[@]}" > "$out/core0.log" 2>&1 &
OMP_NUM_THREADS=1 taskset -c 1 mae_lit_compare --methods ijepa supervised --no-baselines --seeds $seeds "${common[@]}" > "$out/core1.log" 2>&1 &
wait
# then the per-seed references (random-init encoder and raw pixels, scored, and the random-init encoder fine-tuned),
# the seeds that have none yet split over the two cores
todo=$(for s in $seeds; do [ -f "$out/baselines-seed$s/row.json" ] || echo "$s"; done)
set -- $todo; half=$(( ($# + 1) / 2 )); first="${*:1:$half}"; rest="${*:$((half + 1))}"
if [ -n "$first" ]; then OMP_NUM_THREADS=1 taskset -c 0 mae_lit_compare --methods mae simclr ijepa supervised --seeds $first "${common[@]}" > "$out/refs0.log" 2>&1 & fi
if [ -n "$rest" ]; then OMP_NUM_THREADS=1 taskset -c 1 mae_lit_compare --methods mae simclr ijepa supervised --seeds $rest "${common[@]}" > "$out/refs1.log" 2>&1 & fi
wait
# every run is on disk: this call trains nothing and writes compare.json, results.csv and summary.csv for all of them
OMP_NUM_THREADS=1 mae_lit_compare --methods mae simclr ijepa supervised --seeds $seeds "${common[@]}"
python -c "import sys, pandas as pd; from mae_lit.compare import plot_budgets; plot_budgets(pd.read_csv(sys.argv[1] + '/results.csv'), path=sys.argv[1] + '/accuracy_vs_seconds.png')" "$out"
# every budget on one axis: the 10, 30 and 60 s comparison's trained runs (nbs/results/compare_cpu) and these, with these references
python - "$out" nbs/results/compare_cpu/results.csv <<'PY'
import sys, pandas as pd
from mae_lit.compare import plot_budgets, BASELINES
long, short = pd.read_csv(sys.argv[1] + '/results.csv'), pd.read_csv(sys.argv[2])
plot_budgets(pd.concat([short[~short.method.isin(BASELINES)], long], ignore_index=True), path=sys.argv[1] + '/accuracy_all_budgets.png')
PY
python - "$out" "$here" <<'PY'
import shutil, sys
from pathlib import Path
src, dst = map(Path, sys.argv[1:])
for f in src.rglob('*'):
    if f.is_file() and f.suffix not in ('.safetensors', '.log') and 'snapshots' not in f.parts and f.name not in ('run.sh', 'command.txt', 'steps.json'):
        t = dst/f.relative_to(src); t.parent.mkdir(parents=True, exist_ok=True); shutil.copy2(f, t)
PY
