#!/usr/bin/env bash
# Milliseconds per training step of every setting of the ablation grid beside the default run's
# (mae_lit.ablate.setting_steps): batch 32, one thread (as each run of the grid had), the fused AdamW of the current
# package, 20 alternating rounds of 4 steps of each; the ablations chapter's s/step column. Run it alone on the
# computer. From the repository root:
#   bash nbs/results/ablations_cpu/setting_steps.sh      # -> nbs/results/ablations_cpu/steps.csv
set -euo pipefail
OMP_NUM_THREADS=1 python -c "
import torch; torch.set_num_threads(1)
from mae_lit.ablate import setting_steps
setting_steps(rounds=20).to_csv('nbs/results/ablations_cpu/steps.csv', index=False)"
