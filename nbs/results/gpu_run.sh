#!/usr/bin/env bash
# The GPU figures that the CPU runs in this folder cannot give, in one short session on one GPU. From the repository root:
#   MAE_LIT_DATA=/path/to/fashion-mnist WHEELS=/path/to/wheels bash nbs/results/gpu_run.sh OUT_DIR
# MAE_LIT_DATA: a folder with the four Fashion-MNIST .gz files (Debian's dataset-fashion-mnist, or fashion_mnist('full')
#   downloads them); carry it to the machine with the working tree (an ignored folder such as .gpu_carry/fashion-mnist).
# WHEELS (optional): a folder of wheels to install first with --no-deps (for a machine that has torch and timm but not
#   fastai: fastai, fastcore, fastprogress, fastdownload, fasttransform, plum-dispatch, beartype).
# PHASES (optional, default "compare trainer"): which phases to run, in this order.
#
#   compare: the comparison chapter's protocol on the GPU backbone (mae_vit_ref_fmnist, all 60,000 training images
#            minus the validation split): MAE, SimCLR, I-JEPA and a supervised ViT, one after another, each for the same
#            measured seconds (BUDGET, converted once to steps), seeds 0 1 2; kNN and linear probe (both poolings, both
#            splits) are written for every run before any fine-tuning starts; then every self-supervised encoder, and
#            the random-init encoder of each seed, is fine-tuned for FT_S seconds. The whole phase has its own time limit; a killed run resumes when rerun.
#            Each method's base lr is the one chosen on the validation split by the equal-tuning study
#            (nbs/results/tuning_study/chosen.json, three candidates per method, chosen on CPU runs of the tiny backbone);
#            the rows are read by the same paired statistics as the CPU comparison (compare.paired / decide).
#   trainer: the training loop's own images/s (mae_lit_pretrain, tiny preset, batch 512) next to the benchmark's eager
#            and Hugging Face steps of the same shape, and ViT-B/16 at batch 256; every objective's step with the
#            for-each and the fused AdamW at the main job's batch (objective_steps).
# SCALE=0: a smoke test of this script on a CPU-only machine (tiny budgets, --limit).
set -u
OUT_DIR=${1:?usage: gpu_run.sh OUT_DIR}
mkdir -p "$OUT_DIR"
PY=${PY:-python3}
export PYTHONUNBUFFERED=1
SCALE=${SCALE:-1}
PHASES=${PHASES:-compare trainer}
CLI=(-c 'import sys, importlib; m, f = sys.argv[1].split(":"); getattr(importlib.import_module(m), f)(sys.argv[2:])')
run() { local name=$1 limit=$2; shift 2; echo "=== $name (limit ${limit}s) $(date +%T)"; local t=$SECONDS
        timeout --signal=INT --kill-after=15 "$limit" "$@" > "$OUT_DIR/$name.log" 2>&1; local rc=$?
        echo "=== $name rc=$rc in $((SECONDS - t)) s"; tail -n 30 "$OUT_DIR/$name.log"; return 0; }

if [ -n "${WHEELS:-}" ]; then $PY -m pip install -q --no-deps "$WHEELS"/*.whl; fi
$PY -c "import torch, timm, fastai; print('torch', torch.__version__, 'timm', timm.__version__, 'fastai', fastai.__version__, 'cuda', torch.cuda.is_available() and torch.cuda.get_device_name())"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>/dev/null

if [ "$SCALE" = 0 ]; then
  PRESET=mae_vit_tiny_fmnist; DATA=sample; BS=64; BUDGET=3; FT_S=3; LIN=2; LIM="--limit 512"; CMP_LIMIT=900; TR_EP=1; VITB_BS=8; DEV=cpu
else
  PRESET=mae_vit_ref_fmnist; DATA=full; BS=512; BUDGET=30; FT_S=15; LIN=50; LIM=""; CMP_LIMIT=540; TR_EP=3; VITB_BS=256; DEV=cuda
fi

for phase in $PHASES; do case $phase in
compare)
  SETTINGS=$($PY -c "import json; print(json.dumps(json.load(open('nbs/results/tuning_study/chosen.json'))['settings']))" 2>/dev/null || echo '{}')
  run compare_gpu $CMP_LIMIT $PY "${CLI[@]}" mae_lit.cli:mae_lit_compare --methods mae simclr ijepa supervised \
      --seeds 0 1 2 --budgets $BUDGET --finetune-s $FT_S --data $DATA --preset $PRESET --bs $BS --linear-epochs $LIN \
      --settings "$SETTINGS" --out "$OUT_DIR/compare_gpu" $LIM ;;
trainer)
  mkdir -p "$OUT_DIR/trainer"
  run trainer_bench 180 $PY "${CLI[@]}" mae_lit.cli:mae_lit_bench --preset mae_vit_tiny_fmnist mae_vit_base_patch16 \
      --batch 512 $VITB_BS --impl mae_lit-eager mae_lit-eager-timm-attn hf-sdpa --seconds 3 --warmup 3 --out "$OUT_DIR/trainer/bench.json"
  run trainer_objectives 90 $PY -c "import json, sys; from mae_lit.bench import objective_steps; r = objective_steps(batch=int(sys.argv[1]), device=sys.argv[3], rounds=10, steps=10); json.dump(r, open(sys.argv[2], 'w'), indent=1); [print(x['method'], round(x['ms_before'], 2), round(x['ms_fused'], 2), round(x['speedup'], 3)) for x in r]" 32 "$OUT_DIR/trainer/objective_steps.json" $DEV
  run trainer_pretrain 120 $PY "${CLI[@]}" mae_lit.cli:mae_lit_pretrain --data $DATA --preset mae_vit_tiny_fmnist \
      --epochs $TR_EP --bs 512 --no-knn --out "$OUT_DIR/trainer/pretrain_tiny" $LIM ;;
*) echo "unknown phase $phase (compare, trainer)";;
esac; done
echo "=== all done $(date +%T)"
