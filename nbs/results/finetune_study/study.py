"""Choosing the fine-tuning recipe of the comparison on the validation split (never on test).

The encoders are the 60 s runs of the CPU comparison (`nbs/results/compare_cpu/run.sh` writes them to runs/compare_cpu).
Each candidate base lr fine-tunes a copy of each encoder (MAE's recipe otherwise: mean-pool head, layer decay 0.75,
label smoothing 0.1, drop path 0.1, AdamW, warm-up + cosine) for `--epochs` epochs (default 3) at batch 64 on the training images
without the validation split, and is scored on the validation split (1,000 held-out training images,
`fmnist_valid_idx`), beside the linear probe of the same encoder on the same split.
Run from the repository root:  python nbs/results/finetune_study/study.py            (3 epochs, the three base lrs)
                               python nbs/results/finetune_study/study.py --epochs 8 --candidates blr1e-2
Writes study.csv (one row per candidate × epochs × method × seed) and study.json. Resumes: finished rows are kept."""
import argparse, json, os, platform, time
from pathlib import Path
import pandas as pd, torch
from fastai.torch_core import set_seed
from mae_lit.checkpoints import load_encoder
from mae_lit.eval import classifier_from_encoder, finetune_accuracy, eval_loaders, frozen_scores
from mae_lit.data import get_dls

CANDIDATES = {'blr4e-3': 4e-3, 'blr1e-2': 1e-2, 'blr2e-2': 2e-2}
BS = 64

def main():
    p = argparse.ArgumentParser(); p.add_argument('--out', default='nbs/results/finetune_study')
    p.add_argument('--runs', default='runs/compare_cpu', help='the comparison run folders')
    p.add_argument('--methods', nargs='+', default=['mae', 'simclr', 'ijepa']); p.add_argument('--seeds', nargs='+', type=int, default=[0])
    p.add_argument('--epochs', type=int, default=3, help='fine-tuning epochs of every candidate')
    p.add_argument('--candidates', nargs='+', default=list(CANDIDATES), choices=list(CANDIDATES))
    a = p.parse_args()
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True); csv = out/'study.csv'
    rows = pd.read_csv(csv).to_dict('records') if csv.is_file() else []
    for r in rows: r.setdefault('epochs', 3)  # rows written before --epochs existed: 3 epochs
    done = {(r['candidate'], int(r['epochs']), r['method'], r['seed']) for r in rows}
    runs = json.load(open(out/'study.json')).get('runs_made', []) if (out/'study.json').is_file() else []
    runs = [x for x in runs if x != dict(epochs=a.epochs, candidates=a.candidates, methods=a.methods, seeds=a.seeds)]
    runs.append(dict(epochs=a.epochs, candidates=a.candidates, methods=a.methods, seeds=a.seeds))
    json.dump(dict(candidates=CANDIDATES, bs=BS, runs_made=runs, split='valid', runs=a.runs,
                   machine=platform.processor() or platform.machine(), cpus=os.cpu_count(), torch=torch.__version__,
                   command='python nbs/results/finetune_study/study.py [--epochs E --candidates C ...]'), open(out/'study.json', 'w'), indent=1)
    dls = get_dls('sample', labels=True, aug=False, bs=BS, device='cpu', seed=0, split='valid')
    lds = eval_loaders('sample', splits=('valid',), device='cpu')
    for seed in a.seeds:
        for m in a.methods:
            enc, _ = load_encoder(Path(a.runs)/f'{m}-60s-seed{seed}', device='cpu')
            lin = None
            for cand in a.candidates:
                blr = CANDIDATES[cand]
                if (cand, a.epochs, m, seed) in done: continue
                if lin is None: lin = frozen_scores(enc, lds, protocols=('linear',), seed=seed, device='cpu')['valid']
                t0 = time.time()
                set_seed(seed); clf = classifier_from_encoder(enc, len(dls.classes), 0.1)
                acc = finetune_accuracy(dls, clf, epochs=a.epochs, seed=seed, blr=blr, layer_decay=0.75)
                rows.append(dict(candidate=cand, blr=blr, epochs=a.epochs, method=m, seed=seed, finetune=acc, linear_cls=lin['cls']['linear'],
                                 linear_mean=lin['mean']['linear'], seconds=time.time() - t0))
                pd.DataFrame(rows).to_csv(csv, index=False)
                print(cand, a.epochs, m, seed, f'{acc:.4f}', f'{time.time() - t0:.0f} s', flush=True)

if __name__ == '__main__': main()
