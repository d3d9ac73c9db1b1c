#!/usr/bin/env bash
# The GPU run for the evaluation (issue 5) and comparison (issue 6) figures, prepared for one session of at most 10
# minutes on one GPU with >= 16 CPU cores (it was not run: the GPU time of that session went to the benchmark of
# 13_bench). From the repository root:
#   MAE_LIT_DATA=/path/to/fashion-mnist bash nbs/results/gpu_run.sh OUT_DIR
# MAE_LIT_DATA is the folder of the four Fashion-MNIST .gz files (or install Debian's dataset-fashion-mnist);
# mae_lit must be importable (pip install -e . or PYTHONPATH=.).
#
# GPU phases run one after the other on CPU cores 0-3, each under its own time limit so that one failing or slow phase
# cannot take the others down:
#   eval     (issue 5): MAE pretraining of mae_vit_ref_fmnist on full Fashion-MNIST for 150 s, then kNN, linear probe
#                       and fine-tuning, each with its baselines (mae_lit_eval)
#   compare  (issue 6): MAE, SimCLR, I-JEPA and a supervised ViT on that backbone, 45 s each, kNN and linear probe; the
#                       four runs share the GPU at the same time (equal contention; their images/s are shared-GPU figures)
#   trainer  (issue 8): the training loop's own images/s (mae_lit_pretrain, tiny preset, batch 512, 3 epochs, with
#                       SyncFreeLogging), next to the benchmark's eager and HF steps of the same shape in the same session;
#                       the benchmark also times ViT-B/16 at batch 256 and the SplitQKVAttention ablation
#                       (mae_lit-eager-timm-attn) on both presets
# CPU jobs run meanwhile on cores 4-15, on the embedded sample:
#   compare_cpu (issue 6): the four methods x seeds 0 1 at 60 s each (8 single-thread runs side by side, cores 4-11)
#   mae_cpu_*   (issue 5): the tiny MAE for 10 epochs with and without norm-pix targets, kNN and linear probe (cores 12-15)
# Files: OUT_DIR/<phase>/..., logs OUT_DIR/<phase>.log.
set -u
OUT_DIR=${1:?usage: gpu_run.sh OUT_DIR}
mkdir -p "$OUT_DIR"
PY=${PY:-python3}
export PYTHONUNBUFFERED=1
SCALE=${SCALE:-1}   # SCALE=0: a quick smoke test of this script on a CPU-only machine (tiny budgets, --limit)
NCPU=$(nproc --all)  # --all: plain nproc obeys OMP_NUM_THREADS
if [ "$NCPU" -ge 16 ]; then GPU_CORES=0-3; CPU_CORES=4-11; MAE_CORES=12-15; else GPU_CORES=0-$((NCPU - 1)); CPU_CORES=$GPU_CORES; MAE_CORES=$GPU_CORES; fi
if command -v taskset > /dev/null; then GPU_TS=(taskset -c $GPU_CORES); CPU_TS=(taskset -c $CPU_CORES); MAE_TS=(taskset -c $MAE_CORES)
else GPU_TS=(); CPU_TS=(); MAE_TS=(); fi
# a console script by module:function, without needing it installed
CLI=(-c 'import sys, importlib; m, f = sys.argv[1].split(":"); getattr(importlib.import_module(m), f)(sys.argv[2:])')
run() { local name=$1 limit=$2; shift 2; echo "=== $name (limit ${limit}s) $(date +%T)"; local t=$SECONDS
        timeout --signal=INT --kill-after=15 "$limit" "${GPU_TS[@]}" "$@" > "$OUT_DIR/$name.log" 2>&1; local rc=$?
        echo "=== $name rc=$rc in $((SECONDS - t)) s"; tail -n 30 "$OUT_DIR/$name.log"; return 0; }

$PY -c "import torch, timm; print('torch', torch.__version__, 'timm', timm.__version__, 'cuda', torch.cuda.is_available() and torch.cuda.get_device_name())"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>/dev/null
echo "cpus $NCPU: GPU phases on $GPU_CORES, CPU jobs on $CPU_CORES"

if [ "$SCALE" = 0 ]; then
  BUDGET=8; LIM="--limit 2048"; FT=1; LIN=2; PRESET=mae_vit_tiny_fmnist; DATA=sample; BS=256; CMP=5; CPU_CMP=5; CPU_LIM="--limit 1024"; SEEDS="0"; CPU_EP=1; CPU_LIMN=1024
else
  BUDGET=150; LIM=""; FT=20; LIN=50; PRESET=mae_vit_ref_fmnist; DATA=full; BS=512; CMP=45; CPU_CMP=60; CPU_LIM=""; SEEDS="0 1"; CPU_EP=10; CPU_LIMN=0
fi

# ---- CPU jobs (background): the CPU-sized comparison with three seeds, one process per method x seed
CPU_OUT="$OUT_DIR/compare_cpu"; mkdir -p "$CPU_OUT"
cpu_pids=()
for seed in $SEEDS; do for m in mae simclr ijepa supervised; do
  nb=$([ $m = mae ] || [ $m = ijepa ] && echo "" || echo "--no-baselines")
  OMP_NUM_THREADS=1 "${CPU_TS[@]}" $PY "${CLI[@]}" mae_lit.compare:mae_lit_compare --methods $m --seeds $seed \
    --time-budget $CPU_CMP --data sample --device cpu --out "$CPU_OUT" $nb $CPU_LIM > "$CPU_OUT/$m-$seed.log" 2>&1 &
  cpu_pids+=($!)
done; done

# ---- CPU jobs (background): the tiny MAE on the sample for longer than the 4-epoch default, with and without norm-pix
# targets, then kNN and linear probe with baselines (issue 5's CPU figures), two threads each
for v in norm_pix no_norm_pix; do
  ( OMP_NUM_THREADS=2 "${MAE_TS[@]}" $PY "${CLI[@]}" mae_lit.train:mae_lit_pretrain --epochs $CPU_EP --device cpu \
      --$(echo $v | tr _ -) --out "$OUT_DIR/mae_cpu_$v" $CPU_LIM && \
    OMP_NUM_THREADS=2 "${MAE_TS[@]}" $PY -c "import sys, json; from mae_lit.eval import evaluate; \
      r = evaluate(sys.argv[1], ['knn', 'linear'], device='cpu', limit=int(sys.argv[2]) or None); \
      print(json.dumps({k: v for k, v in r.items() if isinstance(v, float)}))" "$OUT_DIR/mae_cpu_$v" "$CPU_LIMN" \
  ) > "$OUT_DIR/mae_cpu_$v.log" 2>&1 &
  cpu_pids+=($!)
done

# ---- GPU phases
if [ "$SCALE" = 0 ]; then TR_EP=1; TR_SEC=1; else TR_EP=3; TR_SEC=3; fi
run trainer_bench 180 $PY "${CLI[@]}" mae_lit.bench:mae_lit_bench --preset mae_vit_tiny_fmnist mae_vit_base_patch16 \
    --batch 512 $([ "$SCALE" = 0 ] && echo 8 || echo 256) --impl mae_lit-eager mae_lit-eager-timm-attn hf-sdpa \
    --seconds $TR_SEC --warmup 3 --out "$OUT_DIR/trainer/bench.json"
run trainer_pretrain 120 $PY "${CLI[@]}" mae_lit.train:mae_lit_pretrain --data $DATA --preset mae_vit_tiny_fmnist \
    --epochs $TR_EP --bs 512 --no-knn --out "$OUT_DIR/trainer/pretrain_tiny" $LIM
run eval_pretrain $((BUDGET + 70)) $PY "${CLI[@]}" mae_lit.train:mae_lit_pretrain --data $DATA --preset $PRESET \
    --time-budget $BUDGET --bs $BS --blr 1.5e-3 --out "$OUT_DIR/eval" $LIM
run eval_eval 150 $PY "${CLI[@]}" mae_lit.eval:mae_lit_eval "$OUT_DIR/eval" --protocol all --epochs $FT \
    --linear-epochs $LIN --bs $BS --ft-aug 0.35 $LIM

GPU_OUT="$OUT_DIR/compare_gpu"; mkdir -p "$GPU_OUT"
echo "=== compare_gpu $(date +%T)"; t=$SECONDS; gpids=()
for m in mae simclr ijepa supervised; do
  nb=$([ $m = mae ] || [ $m = ijepa ] && echo "" || echo "--no-baselines")  # I-JEPA's mean-pooled random init
  timeout --signal=INT --kill-after=15 $((CMP * 2 + 90)) "${GPU_TS[@]}" $PY "${CLI[@]}" mae_lit.compare:mae_lit_compare \
    --methods $m --seeds 0 --time-budget $CMP --data $DATA --preset $PRESET --bs $BS --linear-epochs $LIN \
    --out "$GPU_OUT" $nb $LIM > "$GPU_OUT/$m.log" 2>&1 &
  gpids+=($!)
done
wait "${gpids[@]}"; echo "=== compare_gpu done in $((SECONDS - t)) s"
for m in mae simclr ijepa supervised; do echo "--- $m"; tail -n 4 "$GPU_OUT/$m.log"; done

# ---- gather: the merge calls find every finished run and only write the tables
echo "=== waiting for the CPU jobs $(date +%T)"; wait "${cpu_pids[@]}"
$PY "${CLI[@]}" mae_lit.compare:mae_lit_compare --collect-only --seeds 0 --time-budget $CMP --data $DATA --preset $PRESET --bs $BS \
    --linear-epochs $LIN --out "$GPU_OUT" $LIM 2>&1 | tail -n 12
$PY "${CLI[@]}" mae_lit.compare:mae_lit_compare --collect-only --seeds $SEEDS --time-budget $CPU_CMP --data sample --device cpu \
    --out "$CPU_OUT" $CPU_LIM 2>&1 | tail -n 12
echo "=== all done $(date +%T)"
