#!/usr/bin/env python
"""Docs-readiness check for mae_lit (run from anywhere: `python .ci/docs_check.py`).

Fails (exit 1) and lists what is missing when
  (a) an exported public symbol (a module's `__all__`, and every `@patch`ed method) has no docstring,
  (b) such a symbol has no `show_doc(...)` in the notebook its module is exported from, as the docs site renders it
      (nbdev's `add_show_docs` adds one after every exported def/class; assignments such as presets need a written one),
      or gets two: nbdev 2.4 adds a second for a `@patch`ed method that already has a written `show_doc(Cls.meth)`
      (it compares the bare name), so such methods must rely on the automatic one,
  (c) a notebook's first cell is not markdown `# Title` followed by a `> one-line description`,
  (d) nbs/sidebar.yml does not list every notebook exactly once (index first, numbered chapters in ascending order),
      or lists a file that does not exist.
It also prints, as warnings that do not fail the check, prose in markdown cells that names another chapter's exported
symbol without nbdev's backtick link (`` `ViTEncoder` ``); pass --strict-links to fail on those too.
Constants in `__all__` (dicts, tuples: registries such as `MASK_SAMPLERS`) need neither a docstring nor show_doc.
"""
from __future__ import annotations
import argparse, ast, dataclasses, importlib, inspect, json, re, sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS, LIB = ROOT/'nbs', ROOT/'mae_lit'


def notebooks() -> list[Path]:
    "Every notebook nbdev sees (files and folders starting with `_` or `.` are skipped, as nbdev does)"
    return sorted(p for p in NBS.rglob('*.ipynb')
                  if not any(part.startswith(('_', '.')) for part in p.relative_to(NBS).parts) and '.ipynb_checkpoints' not in p.parts)


def cells(nb: Path) -> list[dict]:
    return json.loads(nb.read_text())['cells']


def src(cell) -> str:
    s = cell['source']
    return s if isinstance(s, str) else ''.join(s)


def module_notebook(py: Path) -> Path | None:
    "The notebook a module is exported from (its 'File to edit' header)"
    m = re.search(r'File to edit: \.\./(nbs/\S+?\.ipynb)', py.read_text()[:2000])
    return ROOT/m.group(1) if m else None


def patched_methods(py: Path) -> list[tuple[str, str]]:
    "`(Class.method, docstring or '')` of every top-level function decorated with fastcore's `@patch`"
    out = []
    for node in ast.parse(py.read_text()).body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)): continue
        names = [d.id if isinstance(d, ast.Name) else getattr(d, 'attr', '') for d in node.decorator_list]
        if 'patch' not in names or not node.args.args: continue
        ann = node.args.args[0].annotation
        cls = ann.id if isinstance(ann, ast.Name) else ast.unparse(ann) if ann is not None else '?'
        if node.name.startswith('_') and node.name not in ('__call__',): continue
        out.append((f'{cls}.{node.name}', ast.get_docstring(node) or ''))
    return out


def own_doc(obj) -> str:
    "The docstring written for `obj` itself (not inherited, not dataclass' generated signature)"
    if inspect.isclass(obj):
        d = obj.__dict__.get('__doc__') or ''
        if dataclasses.is_dataclass(obj) and d.startswith(obj.__name__ + '('): d = ''
        return d.strip()
    if callable(obj) and not inspect.isfunction(obj) and not inspect.isbuiltin(obj) and not inspect.ismethod(obj):
        d = obj.__dict__.get('__doc__', '') if hasattr(obj, '__dict__') else ''
        return (d or '').strip()  # e.g. a functools.partial: only a docstring set on the object counts
    return (getattr(obj, '__doc__', None) or '').strip()


def is_documentable(obj) -> bool:
    return inspect.isclass(obj) or callable(obj)


def showdoc_targets(nb: Path) -> Counter:
    "How often each name is passed to `show_doc(...)` in `nb` after nbdev's `add_show_docs` (what the docs site renders)"
    from nbdev.process import NBProcessor
    from nbdev.processors import add_show_docs
    proc = NBProcessor(nb, [add_show_docs])
    proc.process()
    out = Counter()
    for c in proc.nb.cells:
        if c.cell_type != 'code': continue
        # only a cell's last expression is displayed: a show_doc above it in the same cell renders nothing
        lines = [l for l in c.source.split('\n') if l.strip() and not l.lstrip().startswith('#')]
        if lines: out.update(re.findall(r'show_doc\(\s*([A-Za-z_][\w.]*)', lines[-1]))
    return out


def check_symbols(problems: dict, all_syms: dict):
    for py in sorted(LIB.glob('*.py')):
        if py.name.startswith('_'): continue
        modname = f'mae_lit.{py.stem}'
        nb = module_notebook(py)
        try: mod = importlib.import_module(modname)
        except Exception as e:
            problems['import'].append(f'{modname}: import failed: {type(e).__name__}: {e}'); continue
        shown = showdoc_targets(nb) if nb and nb.exists() else Counter()
        nbname = nb.relative_to(ROOT) if nb else '?'
        for name in getattr(mod, '__all__', []):
            obj = getattr(mod, name, None)
            if obj is None or not is_documentable(obj): continue
            own = getattr(obj, '__name__', name)
            if own != name and own in mod.__all__: continue  # an alias (`mae_learner = ssl_learner`): documented under its own name
            all_syms[name] = modname
            if not own_doc(obj): problems['docstring'].append(f'{modname}.{name}')
            if name not in shown: problems['show_doc'].append(f'{nbname}: show_doc({name})')
        for qual, doc in patched_methods(py):
            if not doc: problems['docstring'].append(f'{modname}.{qual} (@patch)')
            if qual not in shown: problems['show_doc'].append(f'{nbname}: show_doc({qual})  (@patch)')
        for qual, k in shown.items():
            if k > 1: problems['show_doc'].append(f'{nbname}: show_doc({qual}) renders {k} times (for a @patch method, delete the written '
                                                  'show_doc cell: nbdev adds one)')


def check_titles(problems: dict):
    for nb in notebooks():
        cs = cells(nb)
        rel = nb.relative_to(ROOT)
        if not cs or cs[0]['cell_type'] != 'markdown':
            problems['title'].append(f'{rel}: first cell is not markdown'); continue
        lines = [l.strip() for l in src(cs[0]).splitlines() if l.strip()]
        if not lines or not re.match(r'# \S', lines[0]):
            problems['title'].append(f'{rel}: first cell does not start with "# Title"'); continue
        if len(lines) < 2 or not re.match(r'> \S', lines[1]):
            problems['title'].append(f'{rel}: "# Title" is not followed by a "> one-line description"')


def _sidebar_entries(node) -> list[str]:
    out = []
    if isinstance(node, str): out.append(node)
    elif isinstance(node, list):
        for n in node: out += _sidebar_entries(n)
    elif isinstance(node, dict):
        for k in ('href', 'file'):
            if isinstance(node.get(k), str): out.append(node[k])
        out += _sidebar_entries(node.get('contents', []))
    return out


def check_sidebar(problems: dict):
    import yaml
    f = NBS/'sidebar.yml'
    if not f.exists(): problems['sidebar'].append('nbs/sidebar.yml is missing'); return
    entries = _sidebar_entries(yaml.safe_load(f.read_text())['website']['sidebar']['contents'])
    nbs = [str(p.relative_to(NBS)) for p in notebooks()]
    for e in entries:
        if e.endswith('.ipynb') and not (NBS/e).exists(): problems['sidebar'].append(f'sidebar.yml lists {e}, which does not exist')
    for n in nbs:
        k = entries.count(n)
        if k == 0: problems['sidebar'].append(f'sidebar.yml does not list {n}')
        elif k > 1: problems['sidebar'].append(f'sidebar.yml lists {n} {k} times')
    if entries and entries[0] != 'index.ipynb': problems['sidebar'].append(f'sidebar.yml starts with {entries[0]}, expected index.ipynb')
    num = [e for e in entries if re.match(r'\d+', Path(e).name)]
    key = lambda e: [int(x) if x.isdigit() else x for x in re.split(r'(\d+)', Path(e).name)]
    if num != sorted(num, key=key): problems['sidebar'].append(f'numbered chapters are not in reading order: {num}')


def _prose(text: str) -> str:
    "Markdown without fenced code, inline code spans, links' targets and HTML tags"
    text = re.sub(r'```.*?```', ' ', text, flags=re.S)
    text = re.sub(r'(?m)^(    |\t).*$', ' ', text)  # indented code blocks
    text = re.sub(r'`[^`]*`', ' ', text)
    text = re.sub(r'\]\([^)]*\)', ']', text)
    return re.sub(r'<[^>]+>', ' ', text)


ENGLISH = {'pair', 'pretrain', 'evaluate', 'patch', 'features', 'reconstruct', 'simclr', 'compare', 'invert', 'rotate', 'auroc'}  # names that are also words

def check_links(warnings: list, all_syms: dict):
    "Prose naming an exported symbol without backticks (symbols that are ordinary English words are not flagged)"
    names = [n for n in all_syms if len(n) >= 4 and n.lower() not in ENGLISH]
    if not names: return
    pat = re.compile(r'(?<![\w./-])(' + '|'.join(map(re.escape, sorted(names, key=len, reverse=True))) + r')(?![\w/-]|\.py)')
    for nb in notebooks():
        for i, c in enumerate(cells(nb)):
            if c['cell_type'] != 'markdown': continue
            hits = sorted(set(pat.findall(_prose(src(c)))))
            if hits: warnings.append(f'{nb.relative_to(ROOT)} cell {i}: {", ".join(hits)}')


def check_mixed_imports(problems: dict):
    "Cells nbdev's docs build would execute because they import, although they also run other code (its `_do_eval` rule)."
    for nb in notebooks():
        for c in cells(nb):
            if c['cell_type'] != 'code': continue
            s = src(c)
            if re.search(r'^#\|\s*(export|exports|exporti|exec_doc|eval:\s*false)', s, re.M) or 'nbdev_export()' in s: continue
            try: tree = ast.parse('\n'.join(l for l in s.splitlines() if not l.lstrip().startswith(('%', '!'))))
            except SyntaxError: continue
            nodes = list(ast.walk(tree))
            if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in nodes) and any(isinstance(n, (ast.Expr, ast.Assign)) for n in nodes):
                problems['mixed'].append(f'{nb.relative_to(ROOT)}: cell {c.get("id", "?")} imports and runs code: '
                                         'the docs build would execute it; move the imports to a cell of their own')

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--strict-links', action='store_true', help='also fail on prose that names a symbol without a backtick link')
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    problems = {k: [] for k in ('import', 'docstring', 'show_doc', 'title', 'sidebar', 'mixed')}
    all_syms, warnings = {}, []
    check_symbols(problems, all_syms); check_titles(problems); check_sidebar(problems); check_mixed_imports(problems); check_links(warnings, all_syms)
    labels = {'import': 'modules that do not import', 'docstring': 'exported symbols without a docstring',
              'show_doc': 'exported symbols without (or with a duplicated) show_doc in their rendered notebook',
              'title': 'notebooks without "# Title" + "> description" first cell', 'sidebar': 'sidebar.yml problems',
              'mixed': 'cells mixing imports with other code (nbdev would run them when building the docs)'}
    for k, v in problems.items():
        print(f'{labels[k]}: {len(v)}')
        for p in v: print('  ' + p)
    print(f'prose naming exported symbols without a backtick link (warnings): {len(warnings)}')
    for w in warnings: print('  ' + w)
    n = sum(map(len, problems.values())) + (len(warnings) if a.strict_links else 0)
    print('docs check:', 'OK' if n == 0 else f'{n} problem(s)')
    return 1 if n else 0


if __name__ == '__main__': sys.exit(main())
