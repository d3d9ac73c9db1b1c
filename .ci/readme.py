"""Write README.md from nbs/index.ipynb, the home page of the docs site, or check it is current.

`python .ci/readme.py` writes README.md; `python .ci/readme.py --check` writes nothing and exits 1 when README.md is not
what it would write, when an image it shows is a relative link, missing, or not tracked by git (GitHub or PyPI would
show a broken image), or when nbs/_quarto.yml does not run it as Quarto's post-render hook (below).

The home page's code cells are executed, in order, in one IPython shell (execnb's `CaptureShell`, as `nbdev_test` runs
them) with `nbs/` as the working directory, so the README shows the same numbers and figures as the page, read from
the committed files under `nbs/results/` by the code it shows. Committed notebooks carry no outputs, which is why
`nbdev_readme` (Quarto, `--no-execute`) cannot show them: this script is the one generator of README.md, with or
without Quarto. Where Quarto runs, it runs this script too: nbs/_quarto.yml names it as the project's `post-render`
script (`../.ci/readme.py --quarto-post-render`, run from the folder Quarto renders, nbdev's `_proc/`), so when
`nbdev_readme` (or `nbdev_docs`, which calls it when README.md is older than nbs/index.ipynb) has Quarto write
`_docs/README.md`, this script replaces that file with its own text and removes Quarto's `index_files/` before nbdev
moves them to the repository: README.md is the same file either way, and no `index_files/` folder is left behind.
Renders that write no README.md (the site itself, `nbdev_preview`) are left alone. Quarto runs the hook with its
Python (`QUARTO_PYTHON`, else `python3` on PATH), which must be the project's environment (an activated venv; in the
deploy workflow, setup-python's). A failing hook fails the render, so a README.md is never silently different.
Rendering, as nbdev does for the site:
  - markdown cells are copied; links to pages of the site (`train.html`, `compare.html#...`) become links to the
    published site (settings.ini `doc_host` + `doc_baseurl`), which GitHub can follow;
  - code cells are shown as Python blocks, without their `#|` directives; `#| hide` (and `include: false`) cells are
    run but not shown, `echo: false` shows only the outputs, `output: false` only the code, `code-fold: true` the
    outputs first and the code after them in a folded `<details>` block (as Quarto folds it); cells flagged with a test
    flag (settings.ini `tst_flags`, e.g. `slow`) or `eval: false` are shown and not run;
  - outputs: printed text as a fenced text block, a DataFrame as a Markdown table, an image as a Markdown image. An
    image whose bytes are those of a PNG committed under `nbs/results/` (`IPython.display.Image(filename=...)`) links
    to that file; any other figure (drawn by the cell) is written to `nbs/results/readme/<cell id>-<n>.png` and
    linked there. stderr is not shown (and fails the docs checks anyway); an exception fails the script.
  - image links are absolute URLs of the raw files on GitHub
    (`https://raw.githubusercontent.com/<user>/<repo>/<branch>/nbs/results/...`, from settings.ini `user`, `repo` (or
    `lib_name`) and `branch`), so that PyPI, which shows README.md as the project description and cannot resolve a
    path inside the repository, shows the images too; `--check` maps each such URL back to its file and checks that
    the file exists and is tracked by git (an image that is not pushed to `branch` is broken on GitHub and PyPI).
"""
from __future__ import annotations
import configparser, difflib, hashlib, os, re, shutil, subprocess, sys
from base64 import b64decode
from pathlib import Path
from urllib.parse import quote, unquote

import nbformat

root = Path(__file__).resolve().parents[1]
nbs = root/'nbs'
fig_dir = nbs/'results'/'readme'
HEADER = ('<!-- generated from nbs/index.ipynb (the docs home page) by `python .ci/readme.py`, which runs its code cells; '
          'edit the notebook -->')


def config() -> dict:
    cfg = configparser.ConfigParser(); cfg.read(root/'settings.ini')
    return dict(cfg['DEFAULT'])


def raw_base(cfg: dict | None = None) -> str:
    "URL prefix of the raw files of the repository's `branch` on GitHub (settings.ini `user`, `repo`/`lib_name`, `branch`)"
    cfg = cfg or config()
    repo = cfg.get('repo') or cfg['lib_name']
    return f"https://raw.githubusercontent.com/{cfg['user']}/{repo}/{cfg.get('branch') or 'main'}/"


def image_url(p: Path) -> str: return raw_base() + quote(p.relative_to(root).as_posix())


def directives(src: str) -> dict[str, str]:
    "The `#| key: value` (or `#| flag`) lines at the top of a cell"
    out = {}
    for line in src.splitlines():
        m = re.match(r'\s*#\s*\|\s*(.*)', line)
        if not m:
            if line.strip(): break
            continue
        k, _, v = m.group(1).partition(':')
        out[k.strip().lower()] = v.strip().lower()
    return out


def md_cell(v) -> str:
    s = '' if v is None else str(v)
    return s.replace('|', '\\|').replace('\n', ' ')


def md_table(df) -> str:
    "A DataFrame as a GitHub Markdown table (the index too, unless it is the default 0..n-1)"
    import pandas as pd
    d = df if isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1 else df.reset_index()
    num = [pd.api.types.is_numeric_dtype(d[c]) for c in d.columns]
    head = '| ' + ' | '.join(md_cell(c) for c in d.columns) + ' |'
    rule = '|' + '|'.join('---:' if n else '---' for n in num) + '|'
    rows = ['| ' + ' | '.join(md_cell(v) for v in r) + ' |' for r in d.itertuples(index=False, name=None)]
    return '\n'.join([head, rule, *rows])


def committed_pngs() -> dict[str, Path]:
    "sha256 of every PNG under nbs/results/ (outside the readme folder) -> its path; of identical files, the first in path order"
    return {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in sorted((nbs/'results').rglob('*.png'), reverse=True)
            if fig_dir not in p.parents}


def make_shell():
    import matplotlib; matplotlib.use('Agg')
    from execnb.shell import CaptureShell
    sh = CaptureShell(mpl_format='png')
    # no software version in the PNGs, so a figure's bytes do not change with matplotlib's version
    sh.run("set_matplotlib_formats('png', metadata={'Software': None})")
    import pandas as pd
    sh.display_formatter.formatters['text/markdown'].for_type(pd.DataFrame, md_table)
    return sh


def render(nb_path: Path = nbs/'index.ipynb') -> tuple[str, dict[Path, bytes]]:
    "README.md's text, and the figures it links that are not committed files ({path: png bytes})"
    cfg = config()
    site = cfg['doc_host'].rstrip('/') + '/' + cfg.get('doc_baseurl', '').strip('/')
    flags = set(cfg.get('tst_flags', '').split())
    nb = nbformat.read(nb_path, as_version=4)
    known, figs, out = committed_pngs(), {}, []
    cwd = os.getcwd(); os.chdir(nb_path.parent)
    try:
        sh = make_shell()
        for c in nb.cells:
            src = c.source.strip()
            if not src: continue
            if c.cell_type == 'markdown':
                # [text](page.html) or (page.html#anchor) -> the published page; absolute URLs and #anchors stay
                out.append(re.sub(r'\]\((?![a-z]+:|#|/)([\w./-]+\.html(?:#[\w-]*)?)\)', lambda m: f']({site}/{m.group(1)})', src))
                continue
            if c.cell_type != 'code': continue
            d = directives(src)
            code = '\n'.join(l for l in src.split('\n') if not re.match(r'\s*#\s*\|', l)).strip()
            hidden = any(k in d for k in ('hide', 'hide_input', 'exporti')) or d.get('include') == 'false'
            run = not (flags & set(d)) and d.get('eval') != 'false'
            folded = d.get('code-fold') in ('true', 'show')  # Quarto folds the code under its output: here, after it, in <details>
            shown = code and not hidden and d.get('echo') != 'false'
            if shown and not folded: out.append(f'```python\n{code}\n```')
            fold = f'<details><summary>Code</summary>\n\n```python\n{code}\n```\n\n</details>' if shown and folded else None
            if not run:
                if fold: out.append(fold)
                continue
            outs = sh.run(src)
            err = [o for o in outs if o['output_type'] == 'error']
            if err: sys.exit(f'nbs/index.ipynb cell {c.id} failed:\n' + ''.join(err[0]['traceback']))
            if hidden or d.get('output') == 'false':
                if fold: out.append(fold)
                continue
            n, text = 0, []
            def flush():
                if text: out.append('```text\n' + ''.join(text).rstrip('\n') + '\n```'); text.clear()
            for o in outs:
                if o['output_type'] == 'stream':
                    if o['name'] == 'stdout': text.append(''.join(o['text']))
                    else: print(f'cell {c.id} stderr (not in the README):\n' + ''.join(o['text']), file=sys.stderr)
                    continue
                data = o.get('data', {})
                g = lambda t: ''.join(data[t]) if t in data else None
                if (m := g('text/markdown')) is not None: flush(); out.append(m.strip())
                elif (b := g('image/png')) is not None:
                    flush(); png = b64decode(b); n += 1
                    p = known.get(hashlib.sha256(png).hexdigest())
                    if p is None: p = fig_dir/f'{c.id}-{n}.png'; figs[p] = png
                    out.append(f'![]({image_url(p)})')
                elif (t := g('text/plain')) is not None: text.append(t.rstrip('\n') + '\n')
            flush()
            if fold: out.append(fold)
    finally: os.chdir(cwd)
    return HEADER + '\n\n' + '\n\n'.join(out) + '\n', figs


IMAGE = r'!\[[^\]]*\]\(([^)\s]+)\)'


def image_problems(text: str) -> list[str]:
    "Images README.md shows that PyPI or GitHub could not show: relative links, missing files, files not tracked by git"
    probs, base, cfg = [], raw_base(), config()
    repo = cfg.get('repo') or cfg['lib_name']
    if cfg.get('git_url') and cfg['git_url'].rstrip('/') != f"https://github.com/{cfg['user']}/{repo}":
        probs.append(f"settings.ini: git_url {cfg['git_url']} is not https://github.com/{cfg['user']}/{repo} (user, repo): "
                     f'the image URLs {base}... would name another repository')
    for url in re.findall(IMAGE, text):
        if not url.startswith(base):
            if not re.match(r'[a-z]+:', url): probs.append(f'{url} is a relative link: PyPI cannot show it (write {base}{url})')
            continue
        rel = unquote(url[len(base):])
        if not (root/rel).is_file(): probs.append(f'{url}: {rel} is missing'); continue
        r = subprocess.run(['git', '-C', str(root), 'ls-files', '--error-unmatch', rel], capture_output=True)
        if r.returncode == 1: probs.append(f'{url}: {rel} is not tracked by git (commit it with README.md)')
    return probs


HOOK = '../.ci/readme.py --quarto-post-render'


def hook_problems() -> list[str]:
    "nbs/_quarto.yml must name this script as the project's post-render script, or nbdev_readme writes another README.md"
    import yaml
    q = nbs/'_quarto.yml'
    scripts = ((yaml.safe_load(q.read_text()) or {}).get('project') or {}).get('post-render') if q.exists() else None
    scripts = [scripts] if isinstance(scripts, str) else (scripts or [])
    if HOOK in scripts: return []
    return [f'nbs/_quarto.yml: project post-render does not run `{HOOK}`, so nbdev_readme and nbdev_docs would write '
            'README.md in another format (Quarto renders the notebook without its outputs); add it:\n'
            f'project:\n  post-render: {HOOK}']


def quarto_post_render() -> None:
    """The `post-render` script of the Quarto project (nbs/_quarto.yml), run by Quarto in the folder it renders, with
    the files it wrote listed in QUARTO_PROJECT_OUTPUT_FILES (or in the file QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES
    names), relative to that folder. `nbdev_readme` renders the readme notebook to `<doc_path>/README.md` and then moves
    that file, and the notebook's `<stem>_files/` folder, to the repository; this replaces the file with `render()`'s
    text and removes the folder (README.md links no file of it). Any other render is left as it is."""
    listing = os.environ.get('QUARTO_USE_FILE_FOR_PROJECT_OUTPUT_FILES')
    files = Path(listing).read_text() if listing else os.environ.get('QUARTO_PROJECT_OUTPUT_FILES', '')
    readmes = [Path(f) for f in files.splitlines() if Path(f).name == 'README.md']
    if not readmes: return
    text, figs = render()
    write_figs(figs)
    stem = Path(config().get('readme_nb') or 'index.ipynb').stem
    for f in readmes:
        f.write_text(text)
        d, had = f.parent/f'{stem}_files', (f.parent/f'{stem}_files').exists()
        if had: shutil.rmtree(d)
        print(f'.ci/readme.py (Quarto post-render): replaced {f} with the README.md `python .ci/readme.py` writes'
              + (f', removed {d}/' if had else ''), file=sys.stderr)


def write_figs(figs: dict[Path, bytes]) -> None:
    for p, png in figs.items():
        if not p.exists() or p.read_bytes() != png: p.parent.mkdir(parents=True, exist_ok=True); p.write_bytes(png)


if __name__ == '__main__':
    if '--quarto-post-render' in sys.argv: quarto_post_render(); sys.exit()
    text, figs = render()
    readme = root/'README.md'
    if '--check' in sys.argv:
        old = readme.read_text() if readme.exists() else ''
        probs = [] if old == text else ['README.md is not what nbs/index.ipynb makes:\n' + ''.join(list(difflib.unified_diff(
            old.splitlines(True), text.splitlines(True), 'README.md (committed)', 'README.md (generated)'))[:60])]
        probs += image_problems(text) + hook_problems()
        if probs: sys.exit('\n'.join(probs) + '\nrun `python .ci/readme.py` and commit README.md with the files it names '
                           '(nbs/index.ipynb is its source)')
        print('README.md is current (' + ', '.join(unquote(u).removeprefix(raw_base()) for u in re.findall(IMAGE, text))
              + f'; images linked under {raw_base()})')
    else:
        write_figs(figs)
        readme.write_text(text); print('wrote README.md' + ''.join(f', {p.relative_to(root)}' for p in figs))
