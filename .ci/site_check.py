#!/usr/bin/env python
"""Check a rendered docs site (the `_docs/` folder `nbdev_docs` writes) for what a reader would trip over.

`python .ci/site_check.py [SITE_DIR] [--nbs NBS_DIR] [--width N]`   (default: `_docs` and `nbs` of this repository)

Counts, page by page, and fails (exit 1) when any is non-zero:
  - broken internal links: an `href` to a local page (relative, or absolute under the site's `doc_host`/`doc_baseurl`)
    that does not exist, or whose `#anchor` is no element id on that page;
  - raw Markdown links in code blocks: `` [`name`](url) `` printed inside a signature or other code block (nbdev links
    backticked names in parameter comments even there);
  - warning blocks: a cell's stderr output, or any output, that shows a warning (`...Warning:`, `WARNING`, "No CUDA runtime");
  - lab notes and machine paths: text of a page that keeps a run's history or an absolute path of the building machine
    (the patterns `LAB_NOTES` and `ABS_PATH` of docs_check.py, which checks the notebooks for the same);
  - slow cells whose source is missing: every `#| slow` code cell of a notebook must be published on its page (its
    first code lines are looked for in the page's code blocks).
It also lists (without failing) output lines wider than --width characters.
Uses only the standard library: run it on a site built anywhere (it does not need Quarto).
"""
from __future__ import annotations
import argparse, configparser, html, json, re, sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit, unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from docs_check import LAB_NOTES, ABS_PATH  # one list of patterns for notebooks and pages


class Page(HTMLParser):
    "Ids, links, code blocks and output blocks of one HTML page"
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.codes, self.outputs = set(), [], [], []  # outputs: (classes, text)
        self._stack = []  # (tag, kind) kind: 'code' | 'out:<classes>' | None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get('id'): self.ids.add(a['id'])
        if a.get('name') and tag == 'a': self.ids.add(a['name'])
        if tag == 'a' and a.get('href') is not None: self.links.append(a['href'])
        cls = a.get('class') or ''
        kind = None
        if tag == 'pre': kind = 'code'
        elif tag == 'div' and 'cell-output' in cls.split(): kind = 'out:' + cls
        elif tag == 'div' and re.search(r'\bcell-output-\w+', cls): kind = 'out:' + cls
        if tag in ('br', 'img', 'meta', 'link', 'input', 'hr'): return  # void elements
        self._stack.append((tag, kind))
        if kind == 'code': self.codes.append([])
        elif kind: self.outputs.append((cls, []))

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag: del self._stack[i:]; break

    def handle_data(self, data):
        kinds = [k for _, k in self._stack if k]
        if any(k == 'code' for k in kinds) and self.codes: self.codes[-1].append(data)
        if any(k.startswith('out:') for k in kinds) and self.outputs: self.outputs[-1][1].append(data)


def parse(p: Path) -> Page:
    pg = Page(); pg.feed(p.read_text(errors='replace')); pg.close()
    pg.codes = [''.join(c) for c in pg.codes]
    pg.outputs = [(c, ''.join(t)) for c, t in pg.outputs]
    return pg


def site_prefixes() -> list[str]:
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    d = cfg['DEFAULT'] if cfg.has_section('DEFAULT') or cfg.defaults() else {}
    host, base = d.get('doc_host', '').rstrip('/'), d.get('doc_baseurl', '').strip('/')
    return [f'{host}/{base}/' if base else f'{host}/'] if host else []


RAW_MD = re.compile(r'\[`[^`\n]+`\]\([^)\s]+\)')
WARN = re.compile(r'\b\w*Warning: |^WARNING\b|No CUDA runtime is found', re.M)
DIRECTIVE = re.compile(r'^\s*#\s*\|')


def slow_cells(nb: Path) -> list[str]:
    "Sources of the `#| slow` cells, without their directive lines"
    out = []
    for c in json.loads(nb.read_text())['cells']:
        s = c['source'] if isinstance(c['source'], str) else ''.join(c['source'])
        if c['cell_type'] == 'code' and re.search(r'^#\|\s*slow\s*$', s, re.M):
            out.append('\n'.join(l for l in s.splitlines() if not DIRECTIVE.match(l)))
    return out


def norm(s: str) -> str: return re.sub(r'\s+', ' ', s).strip()


def page_of(nb: Path, nbs: Path) -> str:
    rel = nb.relative_to(nbs).with_suffix('.html')
    return str(rel.with_name(re.sub(r'^\d+[a-zA-Z0-9]*_', '', rel.name.lower())))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('site', nargs='?', default=str(ROOT/'_docs'))
    ap.add_argument('--nbs', default=str(ROOT/'nbs'), help='the notebooks the site was built from (for the slow cells)')
    ap.add_argument('--width', type=int, default=120)
    a = ap.parse_args(argv)
    site, nbs = Path(a.site).resolve(), Path(a.nbs).resolve()
    pages = {str(p.relative_to(site)): p for p in sorted(site.rglob('*.html')) if 'site_libs' not in p.parts}
    if not pages: print(f'no pages under {site}'); return 1
    parsed = {k: parse(p) for k, p in pages.items()}
    prefixes = site_prefixes()
    found = {k: [] for k in ('links', 'raw_md', 'warnings', 'labnotes', 'slow', 'wide')}
    for name, pg in parsed.items():
        here = Path(name).parent
        for href in pg.links:
            h = href
            for pre in prefixes:
                if h.startswith(pre): h = h[len(pre):]
            u = urlsplit(h)
            if u.scheme or u.netloc or h.startswith(('mailto:', 'javascript:')): continue
            path = unquote(u.path)
            if path and not path.endswith('.html'): continue  # assets: images, css, the search index
            target = name if not path else str((here/path).as_posix())
            target = str(Path(re.sub(r'(^|/)\./', r'\1', target)))
            parts = []
            for seg in Path(target).parts:  # resolve '..'
                if seg == '..' and parts: parts.pop()
                else: parts.append(seg)
            target = '/'.join(parts)
            if target not in parsed: found['links'].append(f'{name}: {href} (no page {target})')
            elif u.fragment and unquote(u.fragment) not in parsed[target].ids:
                found['links'].append(f'{name}: {href} (no id "{unquote(u.fragment)}" on {target})')
        raw = re.sub(r'<pre class="sourceCode.*?</pre>', ' ', pages[name].read_text(errors='replace'), flags=re.S)  # the code a cell runs may build paths
        text = html.unescape(re.sub(r'<script.*?</script>|<style.*?</style>|<[^>]+>', ' ', raw, flags=re.S))
        for rx in (LAB_NOTES, ABS_PATH):
            for m in rx.finditer(text): found['labnotes'].append(f'{name}: {m.group(0)[:80]}')
        for code in pg.codes:
            for m in RAW_MD.finditer(code): found['raw_md'].append(f'{name}: {m.group(0)[:80]}')
        for cls, text in pg.outputs:
            if 'cell-output' not in cls: continue
            if WARN.search(text) or ('cell-output-stderr' in cls and re.search(r'(?i)warn', text)):
                first = next((l for l in text.splitlines() if re.search(r'(?i)warn|No CUDA', l)), text[:100])
                found['warnings'].append(f'{name}: {first.strip()[:120]}')
            if 'cell-output-display' in cls and 'cell-output-stdout' not in cls: continue
            for l in text.splitlines():
                if len(l) > a.width: found['wide'].append(f'{name}: output line of {len(l)} characters: {l[:60]}…')
    n_slow = 0
    for nb in sorted(nbs.glob('*.ipynb')):
        if nb.name.startswith(('_', '.')): continue
        cells = slow_cells(nb)
        n_slow += len(cells)
        page = parsed.get(page_of(nb, nbs))
        text = norm(html.unescape(' '.join(page.codes))) if page else ''
        for s in cells:
            lines = [l for l in s.splitlines() if l.strip()][:3]
            if not page or not all(norm(l) in text for l in lines):
                found['slow'].append(f'{page_of(nb, nbs)}: slow cell starting {lines[0][:70] if lines else "?"!r} is not on the page')
    labels = {'links': 'broken internal links', 'raw_md': 'raw Markdown links inside code blocks (signatures)',
              'warnings': 'output blocks showing a warning', 'labnotes': 'lab notes or absolute paths of the building machine', 'slow': f'#| slow cells missing from their page (of {n_slow})',
              'wide': f'output lines wider than {a.width} characters (not failing)'}
    print(f'{len(parsed)} pages under {site}')
    for k, v in found.items():
        print(f'{labels[k]}: {len(v)}')
        for x in v[:60]: print('  ' + x)
        if len(v) > 60: print(f'  … and {len(v) - 60} more')
    n = sum(len(v) for k, v in found.items() if k != 'wide')
    print('site check:', 'OK' if n == 0 else f'{n} problem(s)')
    return 1 if n else 0


if __name__ == '__main__': sys.exit(main())
