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
  (e) an internal link does not resolve, or a chapter in the home page's numbered list is not named as its page's title: an explicit `page.html#anchor` or a backticked name that nbdev links (in markdown
      cells and in docstrings of exported code) must name a page of the site and, after `#`, a heading or a rendered
      `show_doc` title on it (the title comes from `show_doc` itself, so a decorator that hides a `@patch`ed
      method's class is caught); private names (`_helper`) have no show_doc and no anchor,
  (f) a parameter comment in an exported signature (docments) holds a backtick: nbdev links such names even inside the
      signature's code block, where the reader sees raw `[`name`](url)` Markdown (backticks in docstrings are fine),
  (g) prose, comments or strings use bookkeeping words a reader cannot follow (an issue or session of the project, the
      development machine, a REFERENCES.md that is not in the repository),
  (g1) prose or a cell output keeps a lab note (a run's history, the git history, what was at hand) or an absolute
      path of the building machine (/tmp, /work, a home folder; prose only, or outputs of executed copies),
  (g3) prose states a default of the MAE run (mask ratio, batch, base lr, target) other than mae_lit.config's,
  (h) a cell output (committed notebooks, and executed copies passed with --executed) has a line wider than
      --width characters (default 120), or shows a warning (a `...Warning:` line or a stderr block with a warning).
It also prints, as warnings that do not fail the check, prose in markdown cells that names another chapter's exported
symbol without nbdev's backtick link (`` `ViTEncoder` ``); pass --strict-links to fail on those too.
Constants in `__all__` (dicts, tuples: registries such as `MASK_SAMPLERS`) need neither a docstring nor show_doc.
"""
from __future__ import annotations
import argparse, ast, dataclasses, importlib, inspect, json, os, re, sys
from collections import Counter
from pathlib import Path
import configparser, io, tokenize

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
            if getattr(obj, '__module__', modname) != modname: continue  # re-exported (mae_lit.all): documented where it is defined
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
    key = lambda e: [int(x) if x.isdigit() else x for x in re.split(r'(\d+)', Path(e).name)]
    for sec in _sidebar_sections(yaml.safe_load(f.read_text())['website']['sidebar']['contents']):  # each section in reading order
        num = [e for e in sec if re.match(r'\d+', Path(e).name)]
        if num != sorted(num, key=key): problems['sidebar'].append(f'numbered chapters are not in reading order: {num}')


def _sidebar_sections(node) -> list[list[str]]:
    "The entries of each sidebar section (the top level counts as one)"
    secs = [[e for n in node if not (isinstance(n, dict) and 'section' in n) for e in _sidebar_entries([n])]]
    for n in node:
        if isinstance(n, dict) and 'section' in n: secs += _sidebar_sections(n.get('contents', []))
    return secs


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


# ---------------------------------------------------------------- (e) internal links
def page_of(nb: Path) -> str:
    "The site page a notebook renders to: nbdev drops a leading number (`03_mae.ipynb` -> `mae.html`)"
    rel = nb.relative_to(NBS).with_suffix('.html')
    return str(rel.with_name(re.sub(r'^\d+[a-zA-Z0-9]*_', '', rel.name.lower())))


def pandoc_id(title: str) -> str:
    "The id pandoc (and so Quarto) gives a heading: no formatting, only alphanumerics and `_-.`, spaces to `-`, lower case, from the first letter"
    t = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', title)
    t = re.sub(r'\{[^}]*\}\s*$', '', t)
    t = ''.join(ch for ch in t if ch.isalnum() or ch in '_-.' or ch.isspace())
    t = re.sub(r'\s+', '-', t.strip()).lower()
    return re.sub(r'^[^a-z]+', '', t)


def _explicit_id(title: str) -> str | None:
    m = re.search(r'\{#([^\s}]+)[^}]*\}\s*$', title)
    return m.group(1) if m else None


def _doc_prefixes() -> list[str]:
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    d = cfg['DEFAULT']
    host, base = d.get('doc_host', '').rstrip('/'), d.get('doc_baseurl', '').strip('/')
    return [f'{host}/{base}/' if base else f'{host}/'] if host else []


def nb_module(nb: Path):
    "The module a notebook exports to (its `#| default_exp`), imported, or None"
    for c in cells(nb):
        m = re.search(r'^#\|\s*default_exp\s+(\S+)', src(c), re.M)
        if m:
            try: return importlib.import_module(f'{LIB.name}.{m.group(1)}')
            except Exception: return None
    return None


def showdoc_title(name: str, mod) -> str:
    "The heading `show_doc(name)` renders (what its anchor is made from); the bare name if it cannot be rendered here"
    if mod is None: return name
    try:
        from nbdev.showdoc import show_doc
        obj = eval(name, dict(vars(mod)))
        md = show_doc(obj)._repr_markdown_()
        m = re.search(r'^#{1,6} (.+)$', md, re.M)
        return m.group(1).strip() if m else name
    except Exception: return name


def page_anchors() -> dict[str, set]:
    "page -> the anchors it will have: markdown headings and rendered show_doc titles"
    out = {}
    for nb in notebooks():
        ids = set()
        for c in cells(nb):
            if c['cell_type'] != 'markdown': continue
            fence = False
            for l in src(c).splitlines():
                if l.startswith('```'): fence = not fence
                m = None if fence else re.match(r'#{1,6} (.+)', l)
                if m: ids.add(_explicit_id(m.group(1)) or pandoc_id(m.group(1)))
            ids.update(re.findall(r'<[^>]+\sid="([^"]+)"', src(c)))
            ids.update(re.findall(r'\]\{#([^\s}]+)[^}]*\}', src(c)))  # a bracketed span with an id: [**kNN accuracy.**]{#knn}
        mod = nb_module(nb)
        for name in showdoc_targets(nb):
            t = showdoc_title(name, mod)
            ids.add(_explicit_id(t) or pandoc_id(t))
        out[page_of(nb)] = ids
    return out


def _docstrings(nb: Path) -> list[tuple[str, str]]:
    "(object name, docstring) of every def/class in the notebook's exported cells"
    out = []
    for c in cells(nb):
        s = src(c)
        if c['cell_type'] != 'code' or not re.search(r'^#\|\s*export', s, re.M): continue
        try: tree = ast.parse('\n'.join(l for l in s.splitlines() if not l.lstrip().startswith(('%', '!'))))
        except SyntaxError: continue
        for n in ast.walk(tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and ast.get_docstring(n):
                out.append((n.name, ast.get_docstring(n)))
    return out


def _linkable_lines(md: str) -> list[str]:
    "The lines nbdev's linkify touches: outside ``` fences and not indented as code"
    out, fence = [], False
    for l in md.splitlines():
        if l.startswith('```'): fence = not fence
        elif not fence and not l.startswith('    '): out.append(l)
    return out


def internal_link_targets(text: str, lookup, prefixes: list[str]) -> list[tuple[str, str]]:
    "(what the reader sees, page.html#anchor) of every internal link in a markdown text, explicit or made by nbdev"
    from nbdev.doclinks import _re_backticks
    out = []
    for l in _linkable_lines(text):
        for m in re.finditer(r'\]\(([^)\s]+?)\)', l):
            t = m.group(1)
            for p in prefixes:
                if t.startswith(p): t = t[len(p):]
            if not re.match(r'[a-z]+:', t) and re.match(r'[^#?]+\.html(#|$)', t): out.append((m.group(0), t))
        for m in _re_backticks.finditer(re.sub(r'\[`[^`]*`\]\([^)]*\)', '', l)):
            d = lookup.doc(m.group(1))
            if not d: continue
            for p in prefixes:
                if d.startswith(p): out.append((m.group(0), d[len(p):]))
    return out


def check_internal_links(problems: dict):
    from nbdev.doclinks import NbdevLookup
    lookup, prefixes, anchors = NbdevLookup(), _doc_prefixes(), page_anchors()
    for nb in notebooks():
        rel, here = nb.relative_to(ROOT), page_of(nb)
        texts = [(f'cell {c.get("id", i)}', src(c)) for i, c in enumerate(cells(nb)) if c['cell_type'] == 'markdown']
        texts += [(f'docstring of {n}', d) for n, d in _docstrings(nb)]
        for where, text in texts:
            for shown, target in internal_link_targets(text, lookup, prefixes):
                page, _, anchor = target.partition('#')
                page = page or here
                if page not in anchors: problems['links'].append(f'{rel} {where}: {shown} -> {target}: no such page')
                elif anchor and anchor not in anchors[page]:
                    problems['links'].append(f'{rel} {where}: {shown} -> {target}: {page} has no anchor "{anchor}"'
                                             + (' (a private name: it has no show_doc)' if anchor.startswith('_') else ''))


def check_chapter_names(problems: dict):
    "Each numbered entry `1. [Name](page.html)` of the home page's chapter list must be named as that page's title"
    titles = {}
    for nb in notebooks():
        cs = cells(nb)
        m = re.match(r'#\s+(.+)', src(cs[0]).strip()) if cs and cs[0]['cell_type'] == 'markdown' else None
        if m: titles[page_of(nb)] = m.group(1).strip()
    index = NBS/'index.ipynb'
    if not index.exists(): return
    for c in cells(index):
        if c['cell_type'] != 'markdown': continue
        for name, page in re.findall(r'(?m)^\s*\d+\.\s+\[([^\]]+)\]\(([^)#\s]+\.html)\)', src(c)):
            if page in titles and name != titles[page]:
                problems['links'].append(f'nbs/index.ipynb: chapter "{name}" links {page}, whose title is "{titles[page]}"')


# ---------------------------------------------------------------- (f) backticks in parameter comments
def signature_comments(s: str) -> list[tuple[int, str]]:
    "(line, comment) of every comment inside a def's signature, and of dataclass fields (both are nbdev docments)"
    try: toks = list(tokenize.generate_tokens(io.StringIO(s).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError): return []
    out, in_sig, depth, ending = [], False, 0, False
    for t in toks:
        if t.type == tokenize.NAME and t.string == 'def' and not in_sig: in_sig, depth, ending = True, 0, False; continue
        if not in_sig: continue
        if t.type == tokenize.OP and t.string in '([{': depth += 1
        elif t.type == tokenize.OP and t.string in ')]}': depth -= 1
        elif t.type == tokenize.OP and t.string == ':' and depth == 0: ending = True
        elif t.type == tokenize.COMMENT: out.append((t.start[0], t.string))
        elif t.type == tokenize.NEWLINE and ending: in_sig = False
    try: tree = ast.parse(s)
    except SyntaxError: return out
    for n in ast.walk(tree):
        if isinstance(n, ast.ClassDef) and any('dataclass' in ast.unparse(d) for d in n.decorator_list):
            ends = {st.end_lineno for st in n.body if isinstance(st, ast.AnnAssign)}
            out += [(t.start[0], t.string) for t in toks if t.type == tokenize.COMMENT and t.start[0] in ends]
    return out


def check_signature_comments(problems: dict):
    for nb in notebooks():
        for c in cells(nb):
            s = src(c)
            if c['cell_type'] != 'code' or not re.search(r'^#\|\s*export', s, re.M): continue
            for line, com in signature_comments(s):
                if '`' in com: problems['signature'].append(f'{nb.relative_to(ROOT)} cell {c.get("id", "?")}: {com.strip()[:100]}')


# ---------------------------------------------------------------- (g) bookkeeping words
BOOKKEEPING = re.compile(r"(?i)\b(?:issues?\b(?!\s*\[#)|sessions?\b|development machine|REFERENCES\.md|the GPU table)")

def check_bookkeeping(problems: dict):
    for nb in notebooks():
        for c in cells(nb):
            s = re.sub(r'\]\([^)]*\)|https?://\S+', ' ', src(c))  # link targets and URLs may say anything
            for m in BOOKKEEPING.finditer(s):
                ctx = s[max(0, m.start() - 40):m.end() + 40].replace('\n', ' ')
                problems['words'].append(f'{nb.relative_to(ROOT)} cell {c.get("id", "?")}: "{m.group(0)}" in …{ctx}…')


# ---------------------------------------------------------------- (g1) lab notes and machine paths
# a page shows results and how to reproduce them; how a run went (stops, restarts, what was at hand) belongs in its command.txt
LAB_NOTES = re.compile(r"(?i)\b(?:git history|no GPU (?:was|is) at hand|before the switch|stopped between|(?:was|were) restarted|"
                       r"this (?:morning|afternoon|week)|lab notes?\b|TODO\b|FIXME\b)")
# an absolute path of the machine that built the page (a user's home, a scratch folder); system data paths are fine
ABS_PATH = re.compile(r"(?<![\w.~])(?:/work|/root|/home/[^/\s'\"]+|/Users/[^/\s'\"]+|/tmp|/private/var|/var/folders)/[^\s'\")]*")

def check_lab_notes(problems: dict):
    for nb in notebooks():
        for c in cells(nb):
            s = re.sub(r'\]\([^)]*\)|https?://\S+', ' ', src(c))
            for rx in (LAB_NOTES, ABS_PATH):
                for m in rx.finditer(s):
                    if rx is ABS_PATH and c['cell_type'] == 'code': continue  # code may build paths (tempfile); outputs are checked below
                    ctx = s[max(0, m.start() - 40):m.end() + 40].replace('\n', ' ')
                    problems['labnotes'].append(f'{nb.relative_to(ROOT)} cell {c.get("id", "?")}: "{m.group(0)}" in …{ctx}…')


# ---------------------------------------------------------------- (g3) stated defaults
# a sentence of prose that names "default" and one of these settings must give the code's value (mae_lit.config); sentences
# about someone else's default (the paper's, PyTorch's, an earlier recipe's) are skipped
OTHERS = re.compile(r"(?i)paper|official|earlier|PyTorch|Hugging Face|timm|fastai|DINO|BEiT|SimCLR|I-JEPA|ijepa|supervised|than the default")
STATED = {'mask_ratio': re.compile(r'(?i)mask ratio (?:of |= ?)?(0\.\d+)'),
          'bs': re.compile(r'(?i)\bbatch(?: size)? (?:of |= ?)?(\d+)\b'),
          'blr': re.compile(r'(?i)(?:`blr`|\bblr|base learning rate|base lr)(?: of| =|:)? `?(\d[\d.]*e-\d+)'),
          'norm_pix': re.compile(r'(?i)\b(plain[- ]pixels?|normalised[- ]pixels?|norm-pix)\b(?:[- ]targets?)?')}

def mae_defaults() -> dict:
    from mae_lit.config import config_defaults, METHOD_DEFAULTS
    return {**config_defaults(), **METHOD_DEFAULTS['mae']}

def check_defaults(problems: dict):
    d = mae_defaults()
    for nb in notebooks():
        for c in cells(nb):
            if c['cell_type'] != 'markdown': continue
            text = _prose(re.sub(r'`([^`\n]*)`', r'\1', src(c)))  # inline code read as words: `blr` 4e-3
            for sent in re.split(r'(?<=[.;])\s+|\n\s*\n|\|', text):
                if not re.search(r'(?i)\bdefault', sent) or OTHERS.search(sent): continue
                for key, rx in STATED.items():
                    for m in rx.finditer(sent):
                        v = m.group(1).lower()
                        if key == 'norm_pix':
                            if 'default' not in sent[max(0, m.start() - 60):m.end() + 60].lower(): continue
                            ok = v.startswith('plain') != bool(d['norm_pix'])
                        else: ok = float(v) == float(d[key])
                        if not ok: problems['defaults'].append(f'{nb.relative_to(ROOT)} cell {c.get("id", "?")}: "{m.group(0)}" beside "default", '
                                                                  f'but the code\'s {key} is {d[key]}: …{sent.strip()[:120]}…')


# ---------------------------------------------------------------- (g2) setext headings
def check_setext(problems: dict):
    "A Markdown line of only `=` (or `-`) under text turns that text into a heading (in the page and its table of contents)."
    for nb in notebooks():
        for c in cells(nb):
            if c['cell_type'] != 'markdown': continue
            lines = src(c).split('\n')
            for prev, l in zip(lines, lines[1:]):
                if prev.strip() and re.fullmatch(r'\s{0,3}(=+|-+)\s*', l) and not re.fullmatch(r'\s*[-|: ]+', prev):
                    problems['setext'].append(f'{nb.relative_to(ROOT)} cell {c.get("id", "?")}: "{prev.strip()[:60]}" over "{l.strip()}"')


# ---------------------------------------------------------------- (h) outputs: width and warnings
WARNING_LINE = re.compile(r'\b\w*Warning: |^WARNING\b|No CUDA runtime is found', re.M)

def output_texts(cell) -> list[tuple[str, str]]:
    "(kind, text) of a code cell's outputs: 'stderr', 'stdout', 'markdown' or 'text' (a result's text/markdown or text/plain), 'error'"
    out = []
    for o in cell.get('outputs', []):
        if o.get('output_type') == 'stream':
            t = o.get('text', ''); out.append((o.get('name', 'stdout'), t if isinstance(t, str) else ''.join(t)))
        elif o.get('output_type') in ('execute_result', 'display_data'):
            for mime, kind in (('text/markdown', 'markdown'), ('text/plain', 'text')):
                if mime in o.get('data', {}):
                    if mime == 'text/plain' and any(k.startswith(('image/', 'text/html')) for k in o['data']): break
                    t = o['data'][mime]; out.append((kind, t if isinstance(t, str) else ''.join(t))); break
        elif o.get('output_type') == 'error':
            out.append(('error', '\n'.join(o.get('traceback', []))))
    return out


def check_outputs(problems: dict, nbs: list[Path], width: int):
    for nb in nbs:
        for c in json.loads(nb.read_text())['cells']:
            if c['cell_type'] != 'code': continue
            for kind, text in output_texts(c):
                text = re.sub(r'\x1b\[[0-9;]*m', '', text)
                if kind == 'error': continue
                if WARNING_LINE.search(text) or (kind == 'stderr' and re.search(r'(?i)warn', text)):
                    first = next((l for l in text.splitlines() if re.search(r'(?i)warn|No CUDA', l)), text[:100])
                    problems['warnings'].append(f'{nb}: cell {c.get("id", "?")}: {first.strip()[:140]}')
                for m in ABS_PATH.finditer(text):
                    problems['labnotes'].append(f'{nb}: cell {c.get("id", "?")}: {kind} shows a path of the building machine: {m.group(0)[:80]}')
                for m in LAB_NOTES.finditer(text):
                    problems['labnotes'].append(f'{nb}: cell {c.get("id", "?")}: {kind} shows a lab note: {m.group(0)}')
                if kind == 'markdown': continue  # prose and tables wrap on the page, and so do code blocks (`code-overflow: wrap`)
                for l in text.splitlines():  # printed text is preformatted: it does not wrap
                    if len(l) > width:
                        problems['width'].append(f'{nb}: cell {c.get("id", "?")}: {kind} line of {len(l)} characters: {l[:70]}…')

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--strict-links', action='store_true', help='also fail on prose that names a symbol without a backtick link')
    ap.add_argument('--executed', nargs='*', default=[], metavar='PATH',
                    help='executed notebooks (files or folders, e.g. a copy after `run_notebooks.py --inplace`) whose outputs to check too')
    ap.add_argument('--width', type=int, default=120, help='widest output line allowed (characters)')
    a = ap.parse_args(argv)
    a.executed = [Path(p).resolve() for p in a.executed]
    os.chdir(ROOT)  # nbdev reads settings.ini (the library name, the docs host) from the working directory
    sys.path.insert(0, str(ROOT))
    problems = {k: [] for k in ('import', 'docstring', 'show_doc', 'title', 'sidebar', 'mixed', 'links', 'signature', 'words', 'labnotes', 'defaults', 'setext', 'width', 'warnings')}
    all_syms, warnings = {}, []
    check_symbols(problems, all_syms); check_titles(problems); check_sidebar(problems); check_mixed_imports(problems); check_links(warnings, all_syms)
    check_internal_links(problems); check_chapter_names(problems); check_signature_comments(problems); check_bookkeeping(problems)
    check_lab_notes(problems); check_defaults(problems); check_setext(problems)
    executed = [q for p in map(Path, a.executed) for q in (sorted(p.rglob('*.ipynb')) if p.is_dir() else [p])
                if '.ipynb_checkpoints' not in q.parts]
    mine = {p.resolve() for p in notebooks()}
    check_outputs(problems, notebooks() + [q for q in executed if q.resolve() not in mine], a.width)
    labels = {'import': 'modules that do not import', 'docstring': 'exported symbols without a docstring',
              'show_doc': 'exported symbols without (or with a duplicated) show_doc in their rendered notebook',
              'title': 'notebooks without "# Title" + "> description" first cell', 'sidebar': 'sidebar.yml problems',
              'mixed': 'cells mixing imports with other code (nbdev would run them when building the docs)',
              'links': 'internal links (explicit, or made by nbdev from backticked names) to a missing page or anchor, '
                       'or chapter names on the home page that differ from the page titles',
              'signature': 'backticks in parameter comments of exported signatures (rendered as raw Markdown links)',
              'words': 'bookkeeping words a reader cannot follow (issue, session, development machine, REFERENCES.md)',
              'labnotes': 'lab notes (run histories, what was at hand) and absolute paths of the building machine in prose or outputs',
              'defaults': "a default stated in prose that is not the code's (mae_lit.config)",
              'setext': 'setext headings (a line of = or - under text makes it a heading)',
              'width': 'output lines wider than --width', 'warnings': 'warnings shown in cell outputs'}
    for k, v in problems.items():
        print(f'{labels[k]}: {len(v)}')
        for p in v: print('  ' + p)
    print(f'prose naming exported symbols without a backtick link (warnings): {len(warnings)}')
    for w in warnings: print('  ' + w)
    n = sum(map(len, problems.values())) + (len(warnings) if a.strict_links else 0)
    print('docs check:', 'OK' if n == 0 else f'{n} problem(s)')
    return 1 if n else 0


if __name__ == '__main__': sys.exit(main())
