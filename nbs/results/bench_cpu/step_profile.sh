#!/usr/bin/env bash
# Where the time of a CPU training step goes, before and after the fused optimiser, and the paired benchmark at the
# main job's batch (32) and at 256 (the Performance chapter). From the repository root, on a quiet machine (nothing
# else running: these are timings):
#   bash nbs/results/bench_cpu/step_profile.sh
set -euo pipefail
out=nbs/results/bench_cpu
python - "$out/step_profile.json" <<'PY'
import sys, torch
from mae_lit.bench import step_profile
from mae_lit.checkpoints import atomic_json
torch.set_num_threads(2)
recs = []
for batch, steps in ((32, 30), (256, 6)):
    for impl, fused in (('mae_lit-eager', False), ('mae_lit-eager', True), ('hf-sdpa', True)):
        r = step_profile(impl, batch=batch, steps=steps, warmup=3, fused=fused)
        recs.append(r); print(impl, batch, 'fused' if fused else 'for-each', f"{r['ms_per_step']:.1f} ms", flush=True)
        atomic_json(recs, sys.argv[1])
PY
mae_lit_bench --preset mae_vit_tiny_fmnist --bs 32 --impl mae_lit-eager hf-sdpa --device cpu --threads 2 --warmup 3 \
  --paired 60 --steps-per-round 4 --out "$out/bench_paired_bs32.json"
mae_lit_bench --preset mae_vit_tiny_fmnist --bs 256 --impl mae_lit-eager hf-sdpa --device cpu --threads 2 --warmup 3 \
  --paired 30 --steps-per-round 2 --out "$out/bench_paired_fused.json"
