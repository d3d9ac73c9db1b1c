"""How long the ablation grid took, run by run: `python nbs/results/ablations_cpu/timing.py OUT` (OUT: the grid's --out,
where the run folders still have the times their files were written) writes timing.csv beside this script.

Per distinct run (one folder, shared by the ablations that name it):
- train_s: the pretraining steps' seconds (metrics.json; a resumed run adds the seconds its checkpoint recorded);
- pretrain_wall_s: the pretraining call of the process that finished the run, from its start to its end (metrics.json);
- elapsed_s: from the run's config.json (written when that process started pretraining) to its row.json (written after
  the fine-tuning, if any, and the scoring): everything the run cost in its last attempt;
- resumed: whether that attempt resumed from a checkpoint (the earlier attempts' time is then in train_s only).
The references (random init and raw pixels, scored once per seed) have no config.json and are left out: their cost is a
few seconds of probe training per seed. A run that timing.csv already has keeps its row when its row.json in OUT is
the one committed here (run.sh copies the committed runs into OUT, with new file times, and skips them; run it before
run.sh copies the new runs back): only the runs trained since are timed.
"""
import csv, json, sys
from pathlib import Path

out, dst = Path(sys.argv[1]), Path(__file__).parent/'timing.csv'
kept = {}
if dst.is_file():
    with open(dst, newline='') as f: kept = {r['run']: r for r in csv.DictReader(f)}
    for r in kept.values(): r.update({k: json.loads(v) for k, v in r.items() if k not in ('run', 'resumed')}, resumed=r['resumed'] == 'True')
rows = []
for run in sorted(p for p in out.iterdir() if p.is_dir() and (p/'row.json').is_file() and (p/'config.json').is_file()):
    mine = dst.parent/run.name/'row.json'
    if run.name in kept and mine.is_file() and mine.read_bytes() == (run/'row.json').read_bytes():
        rows.append(kept[run.name]); continue
    m = json.loads((run/'metrics.json').read_text())
    rows.append(dict(run=run.name, seed=m['seed'], epochs=m['epochs'], steps=m['steps'], train_s=round(m['train_s'], 1),
                     pretrain_wall_s=round(m['wall_s'], 1),
                     elapsed_s=round((run/'row.json').stat().st_mtime - (run/'config.json').stat().st_mtime, 1),
                     resumed=bool(m['resumed'])))
with open(dst, 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0])); w.writeheader(); w.writerows(rows)
tot = lambda k: sum(r[k] for r in rows) / 3600
print(f"{len(rows)} runs ({sum(r is not kept.get(r['run']) for r in rows)} timed now, {sum(r['resumed'] for r in rows)} resumed): pretraining steps {tot('train_s'):.1f} h, "
      f"last attempts from start to row {tot('elapsed_s'):.1f} h (one core each) -> {dst}")
