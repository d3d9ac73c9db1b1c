"""Equal tuning on the validation split (never on test): every method of the comparison gets the same three candidate
base learning rates around its own default (×1/4, ×1, ×4), the same seeds and the same number of steps as its 60 s
budget bought in the committed CPU comparison (nbs/results/compare_cpu: the mean over seeds of each method's steps), so
that other work on the machine changes no result. Each candidate is scored on the validation split (1,000 held-out
training images, `fmnist_valid_idx`): the self-supervised encoders by the linear probe and kNN of their paper's pooling,
the supervised ViT (trained with MAE's crop + flip) by its own head. The random-init encoder's fine-tuning recipe is
chosen here too: `FINETUNE` with layer-wise lr decay 0.75 (as for the pretrained encoders) or 1.0 (off).

Run from the repository root (one process on an otherwise idle machine is fastest; the results do not depend on it):
    python nbs/results/tuning_study/study.py [--seeds 0 1]
    python nbs/results/tuning_study/study.py --choose
Writes study.csv (one row per method × candidate × seed), finetune_random.csv and study.json here, the run folders under
runs/tuning_study. Resumes: finished rows are kept. --choose trains nothing: it writes chosen.json (each method's
validation winner under 'settings', as mae_lit_compare --settings takes it, and the random-init fine-tuning's layer decay)."""
import argparse, json, os, platform, time
from pathlib import Path
import pandas as pd, torch
from mae_lit.train import pretrain, METHOD_DEFAULTS, _DEFAULTS
from mae_lit.checkpoints import load_encoder, random_encoder
from mae_lit.eval import eval_loaders, frozen_scores
from mae_lit.compare import train_supervised, finetune_encoder, _eval_pool, _vit_config, FINETUNE

FACTORS = {'x1/4': 0.25, 'x1': 1.0, 'x4': 4.0}
SUPERVISED_BLR = 1e-3  # train_supervised's default

def default_blr(m): return SUPERVISED_BLR if m == 'supervised' else METHOD_DEFAULTS[m].get('blr', _DEFAULTS['blr'])

def steps_60s(compare_dir='nbs/results/compare_cpu'):
    r = pd.read_csv(Path(compare_dir)/'results.csv')
    r = r[(r.budget_s == 60) & r.method.isin(['mae', 'simclr', 'ijepa', 'supervised'])]
    return r.groupby(['method', 'seed'])['steps'].first().groupby('method').mean().round().astype(int).to_dict()

def choose(study: pd.DataFrame, ft: pd.DataFrame) -> dict:
    "Each method's base lr with the best mean validation score over the seeds (linear probe; the supervised ViT: its head), and the random-init fine-tuning's layer decay with the best mean validation accuracy."
    score = study['valid_head'].where(study['method'] == 'supervised', study['valid_linear'])
    best = study.assign(score=score).groupby(['method', 'blr'])['score'].mean()
    chosen = {'settings': {m: {'blr': float(best[m].idxmax())} for m in best.index.get_level_values(0).unique()}}
    if len(ft): chosen['finetune_random_layer_decay'] = float(ft.groupby('layer_decay')['valid_finetune'].mean().idxmax())
    return chosen

def main():
    p = argparse.ArgumentParser(); p.add_argument('--out', default='nbs/results/tuning_study'); p.add_argument('--runs', default='runs/tuning_study')
    p.add_argument('--methods', nargs='+', default=['mae', 'simclr', 'ijepa', 'supervised'])
    p.add_argument('--seeds', nargs='+', type=int, default=[0, 1]); p.add_argument('--no-finetune', action='store_true')
    p.add_argument('--choose', action='store_true', help='train nothing: write chosen.json')
    a = p.parse_args()
    if a.choose:
        out = Path(a.out); ft = out/'finetune_random.csv'
        chosen = choose(pd.read_csv(out/'study.csv'), pd.read_csv(ft) if ft.is_file() else pd.DataFrame())
        json.dump(chosen, open(out/'chosen.json', 'w'), indent=1)
        print(json.dumps(chosen)); return
    torch.set_num_threads(int(os.environ.get('MAE_LIT_THREADS', torch.get_num_threads())))
    out, runs = Path(a.out), Path(a.runs); out.mkdir(parents=True, exist_ok=True)
    csv, fcsv = out/'study.csv', out/'finetune_random.csv'
    rows = pd.read_csv(csv).to_dict('records') if csv.is_file() else []
    frows = pd.read_csv(fcsv).to_dict('records') if fcsv.is_file() else []
    steps = steps_60s()
    json.dump(dict(factors=FACTORS, default_blr={m: default_blr(m) for m in a.methods}, steps=steps, seeds=a.seeds, split='valid',
                   criterion='self-supervised: validation linear probe (paper pooling); supervised: its head on validation',
                   finetune_random_candidates={'layer_decay': [0.75, 1.0]}, finetune=FINETUNE,
                   machine=platform.processor() or platform.machine(), cpus=os.cpu_count(), threads=torch.get_num_threads(),
                   torch=torch.__version__, command='python nbs/results/tuning_study/study.py --seeds ' + ' '.join(map(str, a.seeds))),
              open(out/'study.json', 'w'), indent=1)
    lds = eval_loaders('sample', splits=('valid',), device='cpu')
    done = {(r['method'], r['candidate'], r['seed']) for r in rows}
    for seed in a.seeds:
        for m in a.methods:
            for cand, f in FACTORS.items():
                if (m, cand, seed) in done: continue
                blr, run, t0 = default_blr(m) * f, runs/f'{m}-{cand}-seed{seed}', time.time()
                if m == 'supervised':
                    enc, met = train_supervised(run, seed=seed, steps=steps[m], blr=blr, device='cpu', split='valid')
                    pool, head = 'mean', met['head']
                else:
                    pretrain(run, resume=(run/'checkpoint.safetensors').is_file() and not (run/'metrics.json').is_file(),
                             knn=False, method=m, seed=seed, steps=steps[m], blr=blr, device='cpu')
                    enc, pool, head = load_encoder(run)[0], _eval_pool(m, 'mae_vit_tiny_fmnist'), None
                s = frozen_scores(enc, lds, pools=(pool,), seed=seed, device='cpu')['valid'][pool]
                rows.append(dict(method=m, candidate=cand, blr=blr, seed=seed, steps=steps[m], pool=pool, valid_linear=s['linear'],
                                 valid_knn=s['knn'], valid_head=head, seconds=time.time() - t0))
                pd.DataFrame(rows).to_csv(csv, index=False)
                print(m, cand, f'blr {blr:.3g}', 'seed', seed, f"linear {s['linear']:.4f} knn {s['knn']:.4f}",
                      '' if head is None else f'head {head:.4f}', f'({time.time() - t0:.0f} s)', flush=True)
        if a.no_finetune: continue
        for ld in (0.75, 1.0):  # the random-init encoder's fine-tuning: layer decay on or off
            if any(r['layer_decay'] == ld and r['seed'] == seed for r in frows): continue
            t0 = time.time()
            acc, n = finetune_encoder(random_encoder(_vit_config('mae_vit_tiny_fmnist'), seed), 'sample', seed, None, 'cpu',
                               epochs=FINETUNE['epochs'], recipe=dict(FINETUNE, layer_decay=ld), split='valid')
            frows.append(dict(layer_decay=ld, seed=seed, valid_finetune=acc, steps=n, seconds=time.time() - t0))
            pd.DataFrame(frows).to_csv(fcsv, index=False)
            print('random init fine-tuned, layer decay', ld, 'seed', seed, f'valid {acc:.4f} ({time.time() - t0:.0f} s)', flush=True)

if __name__ == '__main__': main()
