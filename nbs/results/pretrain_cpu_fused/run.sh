#!/usr/bin/env bash
# The README's command (all defaults) on seeds 0, 1 and 2 with the step and the main job as they are now (the fused
# AdamW; raw pixels and random init scored after training, and cached), each alone on the machine, then seed 0 once
# more, whose references come from the cache. From the repository root, on a quiet machine (these are timings):
#   bash nbs/results/pretrain_cpu_fused/run.sh
# The first run goes through a pseudo-terminal (first_step.py), as in a user's shell, to time its first progress frame.
set -euo pipefail
here=nbs/results/pretrain_cpu_fused
tmp=$(mktemp -d)
export MAE_LIT_CACHE=$tmp/cache   # an empty cache: the first run of each seed scores its references
python $here/first_step.py $here/first_step.json $tmp/seed0.log -- mae_lit_pretrain --seed 0 --out $tmp/seed0
for s in 1 2; do mae_lit_pretrain --seed $s --out $tmp/seed$s > $tmp/seed$s.log 2>&1; done
mae_lit_pretrain --seed 0 --out $tmp/seed0_again > $tmp/seed0_again.log 2>&1
for r in seed0 seed1 seed2 seed0_again; do
  mkdir -p $here/$r && cp $tmp/$r/{config.json,metrics.json,loss.png,reconstructions.png} $here/$r/
done
tail -n 3 $tmp/seed0_again.log
