#!/usr/bin/env bash
# The colour runs of the Pretraining chapter, on two CPU cores, one run at a time (nothing else running):
#   1. a folder of real colour photographs: photo_crops (crops of scikit-image's sample photographs; seed 0)
#   2. "default": mae_lit_pretrain --data FOLDER with no other option, seeds 0, 1, 2; then mae_lit_eval of seed 0
#   3. "epochs40": the same with --epochs 40, seeds 0, 1, 2
# Needs `pip install scikit-image`. Usage: run.sh [default|epochs40] (both when no argument). Run folders go under
# $WORK (default /tmp/colour_cpu); their small files are copied next to this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
WORK="${WORK:-/tmp/colour_cpu}"
mkdir -p "$WORK"
[ -d "$WORK/photos" ] || python -c "from mae_lit.testing import photo_crops; photo_crops('$WORK/photos', seed=0)"
run() {  # run NAME [extra mae_lit_pretrain options...]
  local name=$1; shift
  for s in 0 1 2; do
    rm -rf "$WORK/$name-seed$s"; mkdir -p "$here/$name/seed$s"
    /usr/bin/time -f "seed $s: %e s wall, %U s user, %M kB max RSS" \
      mae_lit_pretrain --data "$WORK/photos" --seed $s --out "$WORK/$name-seed$s" "$@" 2>&1 | grep -v "Epoch\|█" \
      > "$here/$name/seed$s/console.txt"
    cp "$WORK/$name-seed$s"/{config.json,metrics.json,loss.png,reconstructions.png} "$here/$name/seed$s/"
  done
}
what="${1:-all}"
if [ "$what" = all ] || [ "$what" = default ]; then
  run default
  mae_lit_eval "$WORK/default-seed0" --data "$WORK/photos" --out "$WORK/default-eval0" 2>&1 | grep -v "Epoch\|█" > "$here/default/eval_seed0.txt"
  cp "$WORK/default-eval0/eval.json" "$here/default/eval_seed0.json"
fi
if [ "$what" = all ] || [ "$what" = epochs40 ]; then run epochs40 --epochs 40; fi
