#!/usr/bin/env python
"""Render processed notebooks to HTML and look at them in headless Chromium (a local check; NOT run in CI: CI has no
Chromium and no Quarto).

`python .ci/render_check.py [--src _proc] [--out /tmp/mae_lit_render] [--shots 00_patches 03_mae ...]`

1. Run `nbdev_proc_nbs` first (with a stub `quarto` on PATH); it writes the processed notebooks to _proc/.
2. This script converts each processed notebook to HTML with nbconvert (Quarto is not needed; the page is not the
   site's theme, but it holds exactly the cells and outputs the site would), and counts per page: figures (`<img>`),
   tables (`<table>`), show_doc blocks (show_doc cells with a rendered output), code cells, and code cells without
   any output. It prints one line per page and warns about pages with no figure or with show_doc cells lacking output.
3. It screenshots the pages named by --shots with `chromium --headless --screenshot` (apt-get install chromium) and
   prints the PNG paths, to be looked at.
Exit status 0 unless a notebook cannot be converted or Chromium fails.
"""
from __future__ import annotations
import argparse, json, re, shutil, subprocess, sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent


def page_stats(nb, html: str) -> dict:
    code = [c for c in nb.cells if c.cell_type == 'code']
    sd = [c for c in code if re.search(r'^\s*show_doc\(', c.source, flags=re.M)]
    return dict(imgs=len(re.findall(r'<img\b', html)), tables=len(re.findall(r'<table\b', html)),
                show_doc=sum(1 for c in sd if c.get('outputs')), show_doc_empty=sum(1 for c in sd if not c.get('outputs')),
                code=len(code), code_no_output=sum(1 for c in code if not c.get('outputs')))


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 2400) -> None:
    exe = shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
    if exe is None: raise SystemExit('no chromium on PATH: apt-get install -y chromium')
    subprocess.run([exe, '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', f'--window-size={width},{height}',
                    f'--screenshot={png}', html.as_uri()], check=True, capture_output=True, timeout=120)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--src', type=Path, default=ROOT/'_proc', help='processed notebooks (nbdev_proc_nbs output)')
    ap.add_argument('--out', type=Path, default=Path('/tmp/mae_lit_render'), help='where the HTML pages and screenshots go')
    ap.add_argument('--shots', nargs='*', default=['index', '03_mae', '07_eval'], help='pages (notebook stems) to screenshot')
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name='lab')
    pages = sorted(p for p in a.src.glob('*.ipynb'))
    if not pages: raise SystemExit(f'{a.src}: no notebooks; run nbdev_proc_nbs first')
    print(f'{"page":24} {"img":>4} {"table":>5} {"show_doc":>8} {"sd-empty":>8} {"code":>5} {"no-output":>9}')
    totals = dict(imgs=0, tables=0, show_doc=0)
    for p in pages:
        nb = nbformat.read(p, as_version=4)
        html, _ = exporter.from_notebook_node(nb)
        (a.out/f'{p.stem}.html').write_text(html)
        s = page_stats(nb, html)
        for k in totals: totals[k] += s[k]
        flag = ('  <- no figure' if s['imgs'] == 0 else '') + ('  <- show_doc without output' if s['show_doc_empty'] else '')
        print(f'{p.stem:24} {s["imgs"]:4d} {s["tables"]:5d} {s["show_doc"]:8d} {s["show_doc_empty"]:8d} {s["code"]:5d} {s["code_no_output"]:9d}{flag}')
    print('totals', totals)
    for stem in a.shots:
        html = a.out/f'{stem}.html'
        if not html.exists(): print(f'no page {stem}'); continue
        png = a.out/f'{stem}.png'
        screenshot(html, png)
        print('screenshot', png)
    return 0


if __name__ == '__main__': sys.exit(main())
