"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does where quarto is installed), or check it is current.

Markdown cells are copied, the frontmatter title/description become a heading and a quote, code cells not marked
`#| hide` become Python blocks. `python .ci/readme.py --check` exits 1 when README.md is stale.
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parents[1]

def render(nb_path=root/'nbs'/'index.ipynb'):
    cells = json.loads(Path(nb_path).read_text())['cells']
    out = []
    for c in cells:
        src = ''.join(c['source']).strip()
        if not src: continue
        if c['cell_type'] == 'markdown': out.append(src)
        elif c['cell_type'] == 'code':
            lines = src.split('\n')
            if any(l.strip().replace(' ', '') in ('#|hide', '#|hide_input', '#|exporti') for l in lines if l.startswith('#|')): continue
            code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
            if code: out.append(f'```python\n{code}\n```')
    return '<!-- generated from nbs/index.ipynb by .ci/readme.py (nbdev_readme does the same with quarto); edit the notebook -->\n\n' + '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    text = render()
    if '--check' in sys.argv:
        if (root/'README.md').read_text() != text:
            sys.exit('README.md is stale: run `python .ci/readme.py` and commit it (nbs/index.ipynb is its source)')
    else: (root/'README.md').write_text(text); print('wrote README.md')
