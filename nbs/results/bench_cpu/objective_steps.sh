#!/usr/bin/env bash
# The step speed-up of the fused AdamW for every objective (the Performance chapter): MAE, SimCLR, I-JEPA and the
# supervised classifier at the main job's batch (32), two threads, 20 alternating rounds of 4 steps per optimiser.
# From the repository root, on a quiet machine (these are timings):
#   bash nbs/results/bench_cpu/objective_steps.sh
set -euo pipefail
python - nbs/results/bench_cpu/objective_steps.json <<'PY'
import sys, torch
from mae_lit.bench import objective_steps
from mae_lit.checkpoints import atomic_json
torch.set_num_threads(2)
recs = objective_steps(batch=32, rounds=20, steps=4, warmup=3, seed=0)
atomic_json(recs, sys.argv[1])
for r in recs:
    print(f"{r['method']:>10}: {r['ms_before']:.1f} ms ({r['optimizer_before']}) -> {r['ms_fused']:.1f} ms (fused): x{r['speedup']:.3f} "
          f"(quartiles {r['speedup_q1']:.3f}-{r['speedup_q3']:.3f}, faster in {r['rounds_faster']} of {r['rounds']} rounds)")
PY
