"""Choosing the default `mae_lit_pretrain` recipe on the validation split (never on test).

Every candidate recipe is pretrained with the default job's settings except the ones it names, for seeds 0, 1, 2, and
its encoder is scored on the validation split (1,000 training images held out, `fmnist_valid_idx`) with kNN and the
linear probe, both poolings, beside the random-init encoder of the same seed and raw pixels.
Run from the repository root:  python nbs/results/default_study/study.py [--out nbs/results/default_study]
Writes study.csv (one row per candidate × seed × encoder × pooling) and study.json (settings, machine). Resumes:
finished rows are kept."""
import argparse, json, platform, time, os
from pathlib import Path
import pandas as pd, torch
from mae_lit.train import pretrain
from mae_lit.eval import eval_loaders, frozen_scores, load_encoder, random_encoder

CANDIDATES = {  # name -> settings that differ from the default job's
    'normpix_blr4e-3': dict(norm_pix=True, blr=4e-3),
    'pixels_blr4e-3': dict(norm_pix=False, blr=4e-3),
    'normpix_blr1e-2': dict(norm_pix=True, blr=1e-2),
    'pixels_blr1e-2': dict(norm_pix=False, blr=1e-2),
    'pixels_blr2e-3': dict(norm_pix=False, blr=2e-3),
    'pixels_blr1e-3': dict(norm_pix=False, blr=1e-3),
    'pixels_blr4e-3_mask0.6': dict(norm_pix=False, blr=4e-3, mask_ratio=0.6),
    'pixels_blr4e-3_bs32': dict(norm_pix=False, blr=4e-3, bs=32),
    'normpix_blr4e-3_bs32': dict(norm_pix=True, blr=4e-3, bs=32),
}

def main():
    p = argparse.ArgumentParser(); p.add_argument('--out', default='nbs/results/default_study')
    p.add_argument('--seeds', nargs='+', type=int, default=[0, 1, 2]); p.add_argument('--candidates', nargs='+', default=list(CANDIDATES))
    p.add_argument('--runs', default='runs/default_study', help='where the run folders go (not committed)')
    p.add_argument('--csv', default='study.csv', help='file name of the table (two processes at once: one file each, then concatenated)')
    a = p.parse_args()
    out, runs = Path(a.out), Path(a.runs); out.mkdir(parents=True, exist_ok=True)
    csv = out/a.csv
    rows = pd.read_csv(csv).to_dict('records') if csv.is_file() else []
    done = {(r['candidate'], r['seed'], r['encoder']) for r in rows}
    lds = eval_loaders('sample', splits=('valid',), device='cpu')
    json.dump(dict(candidates=CANDIDATES, seeds=a.seeds, split='valid', machine=platform.processor() or platform.machine(),
                   cpus=os.cpu_count(), torch=torch.__version__, command='python nbs/results/default_study/study.py'),
              open(out/'study.json', 'w'), indent=1)
    def add(cand, seed, enc_name, scores):
        for pool, r in scores['valid'].items(): rows.append(dict(candidate=cand, seed=seed, encoder=enc_name, pool=pool, **r))
        pd.DataFrame(rows).to_csv(csv, index=False)
    if ('-', 0, 'pixels') not in done: add('-', 0, 'pixels', frozen_scores(None, lds, device='cpu'))
    for seed in a.seeds:
        for cand in a.candidates:
            if (cand, seed, 'pretrained') in done: continue
            run = runs/f'{cand}-seed{seed}'
            t0 = time.time()
            if not (run/'metrics.json').is_file():
                pretrain(run, resume=(run/'checkpoint.safetensors').is_file(), knn=False, seed=seed, **CANDIDATES[cand])
            enc, meta = load_encoder(run)
            if ('-', seed, 'random') not in done and not any(r['encoder'] == 'random' and r['seed'] == seed for r in rows):
                add('-', seed, 'random', frozen_scores(random_encoder(meta['vit_config'], seed), lds, seed=seed, device='cpu'))
            add(cand, seed, 'pretrained', frozen_scores(enc, lds, seed=seed, device='cpu'))
            print(cand, seed, f'{time.time() - t0:.0f} s', flush=True)

if __name__ == '__main__': main()
