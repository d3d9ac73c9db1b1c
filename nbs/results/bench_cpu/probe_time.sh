#!/usr/bin/env bash
# The linear probe's 90 epochs (the scoring of every run) as a plain loop (`linear_accuracy`) and through a fastai
# Learner (`linear_probe_learner`), on the Fashion-MNIST sample's raw pixels (784 features) and on a random-init
# encoder's class token (its width), the main job's two threads (the Performance chapter). From the repository root, on a
# quiet machine (these are timings):
#   bash nbs/results/bench_cpu/probe_time.sh
set -euo pipefail
python - nbs/results/bench_cpu/probe_time.json <<'PY'
import sys, time, torch
from fastai.torch_core import set_seed
from mae_lit.eval import eval_loaders, dl_features, linear_accuracy, linear_probe_learner, feature_dls, _fit_score
from mae_lit.checkpoints import atomic_json, random_encoder
from mae_lit.mae import create_mae
torch.set_num_threads(2)
L = eval_loaders('sample', device='cpu')['test']
enc = random_encoder(create_mae('mae_vit_tiny_fmnist').vit_config, 0, 'cpu')
feats = {'raw pixels': (dl_features(L.train, None), dl_features(L.valid, None)),
         'random init, class token': (dl_features(L.train, enc, 'cls'), dl_features(L.valid, enc, 'cls'))}
recs = []
for name, ((trf, trl), (tef, tel)) in feats.items():
    for seed in (0, 1, 2):
        t = time.perf_counter(); a = linear_accuracy(trf, trl, tef, tel, seed=seed, device='cpu'); loop_s = time.perf_counter() - t
        set_seed(seed); t = time.perf_counter()
        b = _fit_score(linear_probe_learner(feature_dls(trf, trl, tef, tel, device='cpu'), 10), 90, warmup_epochs=10)
        learner_s = time.perf_counter() - t
        recs.append(dict(features=name, dim=trf.shape[1], n_train=len(trf), n_test=len(tef), seed=seed, epochs=90, bs=256,
                         loop_s=loop_s, learner_s=learner_s, loop_acc=a, learner_acc=b, threads=torch.get_num_threads()))
        print(recs[-1], flush=True)
atomic_json(recs, sys.argv[1])
PY
