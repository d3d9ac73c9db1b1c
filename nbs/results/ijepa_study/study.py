"""Choosing I-JEPA's learning rate and EMA schedule for short CPU runs, on the validation split (never on test).

Each candidate pretrains I-JEPA on the tiny backbone for a fixed number of steps (about the comparison's largest CPU
budget), and its target encoder is scored on the validation split (1,000 training images held out) with kNN and the
linear probe, both poolings, beside the random-init encoder of the same seed. `target_spread` (the std over images of
the layer-normed target tokens, per epoch) is the guard against the position-only shortcut.
Run from the repository root:  python nbs/results/ijepa_study/study.py
Writes study.csv (one row per candidate × seed × pooling) and study.json. Resumes: finished rows are kept."""
import argparse, json, os, platform, time
from pathlib import Path
import pandas as pd, torch
from mae_lit.train import pretrain, ema_start
from mae_lit.eval import eval_loaders, frozen_scores, load_encoder, random_encoder

STEPS = 120
CANDIDATES = {  # name -> pretrain settings (ema 0: `ema_start(steps)`, scaled to the run length)
    'blr1e-4_ema0.996': dict(blr=1e-4, ema=0.996),
    'blr1e-4_scaled': dict(blr=1e-4, ema=0),
    'blr1e-3_ema0.996': dict(blr=1e-3, ema=0.996),
    'blr1e-3_scaled': dict(blr=1e-3, ema=0),
    'blr4e-3_scaled': dict(blr=4e-3, ema=0),
}

def main():
    p = argparse.ArgumentParser(); p.add_argument('--out', default='nbs/results/ijepa_study')
    p.add_argument('--seeds', nargs='+', type=int, default=[0]); p.add_argument('--candidates', nargs='+', default=list(CANDIDATES))
    p.add_argument('--runs', default='runs/ijepa_study', help='where the run folders go (not committed)')
    a = p.parse_args()
    out, runs = Path(a.out), Path(a.runs); out.mkdir(parents=True, exist_ok=True)
    csv = out/'study.csv'
    rows = pd.read_csv(csv).to_dict('records') if csv.is_file() else []
    done = {(r['candidate'], r['seed']) for r in rows}
    lds = eval_loaders('sample', splits=('valid',), device='cpu')
    json.dump(dict(candidates=CANDIDATES, steps=STEPS, ema_scaled=ema_start(STEPS), split='valid', cpus=os.cpu_count(),
                   machine=platform.machine(), torch=torch.__version__,
                   command='python nbs/results/ijepa_study/study.py --seeds 0 (then --seeds 1 2 for the chosen candidates)'),
              open(out/'study.json', 'w'), indent=1)
    def add(cand, seed, scores, extra):
        for pool, r in scores['valid'].items(): rows.append(dict(candidate=cand, seed=seed, pool=pool, **r, **extra))
        pd.DataFrame(rows).to_csv(csv, index=False)
    for seed in a.seeds:
        if ('random init', seed) not in done:
            from mae_lit.train import build_objective
            with torch.device('meta'): cfg = build_objective('ijepa').vit_config
            add('random init', seed, frozen_scores(random_encoder(cfg, seed), lds, seed=seed, device='cpu'), {})
        for cand in a.candidates:
            if (cand, seed) in done: continue
            run = runs/f'{cand}-seed{seed}'; t0 = time.time()
            if not (run/'metrics.json').is_file():
                pretrain(run, resume=(run/'checkpoint.safetensors').is_file(), knn=False, method='ijepa', seed=seed, steps=STEPS, **CANDIDATES[cand])
            met = json.loads((run/'metrics.json').read_text())
            enc, _ = load_encoder(run)
            add(cand, seed, frozen_scores(enc, lds, seed=seed, device='cpu'),
                dict(final_loss=met['loss'][-1], target_spread_first=met['target_spread'][0], target_spread_last=met['target_spread'][-1]))
            print(cand, seed, f'{time.time() - t0:.0f} s', flush=True)

if __name__ == '__main__': main()
