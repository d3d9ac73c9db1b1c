#!/usr/bin/env python
"""Reading times of the tutorial path, as the sidebar shows them.

`python .ci/reading_time.py [--write]`

The tutorial path is the first section of `nbs/sidebar.yml` whose title starts with "Learn MAE". Each of its pages is
a notebook whose tutorial part is read: the cells from its `## Tutorial` heading to its `## Reference` heading (the
whole notebook when it has neither). Its reading time is the words of those cells, prose and code alike (folded and
hidden code cells are not read on the way: exercise answers, figure code), at 200 words a minute, rounded up. Each sidebar entry's text is `<page title> · <N> min`. Without `--write` the script prints the
table and exits 1 when the sidebar shows another figure (so CI fails on a stale one); with `--write` it rewrites those
entries' texts.
"""
from __future__ import annotations
import argparse, json, math, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'
WPM = 200


def cell_sources(nb: Path) -> list[tuple[str, str]]:
    return [(c['cell_type'], ''.join(c['source']) if isinstance(c['source'], list) else c['source'])
            for c in json.loads(nb.read_text())['cells']]


def title(nb: Path) -> str:
    kind, s = cell_sources(nb)[0]
    m = re.match(r'#\s+(.+)', s)
    return m.group(1).strip() if m else nb.stem


def tutorial_part(nb: Path) -> list[str]:
    "Sources of the cells from `## Tutorial` up to `## Reference` (all cells after the title when there is no such heading)"
    cells = cell_sources(nb)
    heads = [(i, s) for i, (k, s) in enumerate(cells) if k == 'markdown']
    start = next((i for i, s in heads if re.search(r'^## Tutorial\b', s, re.M)), 1)
    end = next((i for i, s in heads if re.search(r'^## Reference\b', s, re.M)), len(cells))
    out = []
    for kind, s in cells[start:end]:
        if kind == 'code':  # a folded or hidden cell is not read on the way (exercise answers, figure code); directives are not read
            if re.search(r'^#\|\s*(?:code-fold:\s*true|hide)\s*$', s, re.M): continue
            s = '\n'.join(l for l in s.splitlines() if not re.match(r'\s*#\s*\|', l))
        out.append(s)
    return out


def minutes(nb: Path) -> int:
    words = sum(len(re.findall(r'\S+', s)) for s in tutorial_part(nb))
    return max(1, math.ceil(words / WPM))


def path_section(doc: dict) -> dict | None:
    for node in doc['website']['sidebar']['contents']:
        if isinstance(node, dict) and str(node.get('section', '')).startswith('Learn MAE'): return node
    return None


def main(argv=None) -> int:
    import yaml
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--write', action='store_true', help='rewrite the sidebar entries with the computed times')
    a = ap.parse_args(argv)
    f = NBS/'sidebar.yml'
    text = f.read_text()
    sec = path_section(yaml.safe_load(text))
    if sec is None: print('nbs/sidebar.yml has no "Learn MAE" section'); return 1
    stale, total = [], 0
    for e in sec['contents']:
        href = e['href'] if isinstance(e, dict) else e
        want = f'{title(NBS/href)} · {minutes(NBS/href)} min'
        total += minutes(NBS/href)
        have = e.get('text') if isinstance(e, dict) else None
        print(f'{href:28s} {want:45s}' + ('' if have == want else f'  (sidebar: {have!r})'))
        if have != want:
            stale.append((href, have, want))
    print(f'tutorial path: {total} min')
    if a.write and stale:
        for href, have, want in stale:
            if have is None: text = re.sub(rf'^(\s*)- {re.escape(href)}\s*$', rf'\1- text: "{want}"\n\1  href: {href}', text, flags=re.M)
            else: text = text.replace(f'text: "{have}"', f'text: "{want}"')
        f.write_text(text); print(f'wrote {f.relative_to(ROOT)}')
        return 0
    if stale: print('the sidebar shows stale reading times: run python .ci/reading_time.py --write')
    return 1 if stale else 0


if __name__ == '__main__': sys.exit(main())
