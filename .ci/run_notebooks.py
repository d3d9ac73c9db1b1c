#!/usr/bin/env python
"""Run every notebook in nbs/ top to bottom in a fresh kernel, as a reader would in JupyterLab.

`python .ci/run_notebooks.py [NOTEBOOK ...] [--timeout S] [--inplace | --out DIR]`

- one notebook at a time, each in a new kernel, with nbs/ as the working directory (so relative paths such as
  `results/...` resolve as they do for a reader);
- cells flagged `#| slow` or `#| gpu` (settings.ini `tst_flags`) are blanked before execution; so are the cells
  nbdev itself skips when testing (`#| eval: false`);
- prints one status line per notebook with its time, and exits 1 when any notebook fails (with the failing cell).
- `--inplace` writes the outputs back into the notebooks (for a docs build: committed notebooks carry no outputs, so
  the site shows figures only when the notebooks are executed first); `--out DIR` writes executed copies there instead.
Set OMP_NUM_THREADS=1 on a shared machine.
"""
from __future__ import annotations
import argparse, configparser, os, re, sys, time, traceback
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'


def skip_flags() -> set[str]:
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    return set(cfg['DEFAULT'].get('tst_flags', 'slow gpu').split()) or {'slow', 'gpu'}


def directives(src: str) -> list[str]:
    "The `#| ...` directive lines at the top of a cell, without the `#|`"
    out = []
    for line in src.splitlines():
        m = re.match(r'\s*#\s*\|\s*(.*)', line)
        if m: out.append(m.group(1).strip())
        elif line.strip(): break
    return out


def skipped(src: str, flags: set[str]) -> str | None:
    "Why a code cell is not run (a test flag or `eval: false`), or None"
    for d in directives(src):
        if d in flags: return d
        if re.fullmatch(r'eval:\s*false', d, flags=re.I): return 'eval: false'
    return None


def notebooks(names: list[str]) -> list[Path]:
    if names: return [Path(n).resolve() if Path(n).exists() else NBS/n for n in names]
    return sorted(p for p in NBS.rglob('*.ipynb')
                  if not any(part.startswith(('_', '.')) for part in p.relative_to(NBS).parts))


def run_one(path: Path, flags: set[str], timeout: int, out: Path | None) -> tuple[bool, str, int]:
    nb = nbformat.read(path, as_version=4)
    blanked = {}
    for i, c in enumerate(nb.cells):
        if c.cell_type == 'code' and skipped(c.source, flags):
            blanked[i] = c.source
            c.source, c.outputs = '', []  # blanked for execution only: the cell stays, so cell numbers still match
    client = NotebookClient(nb, timeout=timeout, kernel_name='python3', allow_errors=False,
                            resources={'metadata': {'path': str(path.parent)}})
    try:
        client.execute()
        ok, msg = True, ''
    except CellExecutionError as e:
        ok, msg = False, str(e)
    except Exception as e:  # a dead kernel, a timeout, …
        ok, msg = False, f'{type(e).__name__}: {e}\n{traceback.format_exc(limit=3)}'
    for i, source in blanked.items(): nb.cells[i].source = source  # every cell's source is published, skipped or not
    if out is not None: nbformat.write(nb, out)
    return ok, msg, len(blanked)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebooks', nargs='*', help='notebooks (paths, or names inside nbs/); default: every notebook in nbs/')
    ap.add_argument('--timeout', type=int, default=1800, help='seconds allowed per cell')
    g = ap.add_mutually_exclusive_group()
    g.add_argument('--inplace', action='store_true', help='write the outputs back into the notebooks')
    g.add_argument('--out', type=Path, help='write the executed notebooks into this folder instead')
    a = ap.parse_args(argv)
    flags = skip_flags()
    if a.out: a.out.mkdir(parents=True, exist_ok=True)
    failed, t_all = [], time.perf_counter()
    for p in notebooks(a.notebooks):
        if not p.exists(): print(f'FAIL  {p}: no such notebook', flush=True); failed.append(p.name); continue
        t = time.perf_counter()
        dest = p if a.inplace else (a.out/p.name if a.out else None)
        ok, msg, n_skip = run_one(p, flags, a.timeout, dest)
        rel = p.relative_to(ROOT) if p.is_relative_to(ROOT) else p
        print(f'{"ok  " if ok else "FAIL"}  {rel}  {time.perf_counter() - t:6.1f} s  ({n_skip} cells skipped: {"/".join(sorted(flags))}/eval:false)', flush=True)
        if not ok:
            failed.append(str(rel)); print('\n'.join('      ' + l for l in msg.strip().splitlines()[-40:]), flush=True)
    print(f'{len(failed)} failed: {", ".join(failed)}' if failed else 'all notebooks ran', f'({time.perf_counter() - t_all:.0f} s)')
    return 1 if failed else 0


if __name__ == '__main__': sys.exit(main())
