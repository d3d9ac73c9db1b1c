"""The package's import graph is a ladder: no module imports (at any depth: function-level imports count) a module that
imports it back, directly or through others, and no `_private` name is imported from another module of the package.
Usage: python .ci/import_check.py [--graph]   (exit 1 on a cycle or a private cross-import)"""
import ast, sys
from pathlib import Path

PKG = 'mae_lit'
root = Path(__file__).resolve().parent.parent/PKG
mods = {p.stem: p for p in root.glob('*.py') if p.stem not in ('__init__', '_modidx')}

def _target(node, mod):
    "The package module an import node refers to (or None), and the names it imports."
    if isinstance(node, ast.ImportFrom):
        if node.level == 1: base = node.module or ''
        elif node.level == 0 and (node.module or '').startswith(PKG + '.'): base = node.module[len(PKG) + 1:]
        elif node.level == 0 and node.module == PKG: return [(a.name, []) for a in node.names if a.name in mods]
        else: return []
        return [(base.split('.')[0], [a.name for a in node.names])]
    if isinstance(node, ast.Import):
        return [(a.name.split('.')[1], []) for a in node.names if a.name.startswith(PKG + '.')]
    return []

edges, private = {m: set() for m in mods}, []
for m, p in mods.items():
    for node in ast.walk(ast.parse(p.read_text(), str(p))):
        for tgt, names in _target(node, m):
            if tgt not in mods or tgt == m: continue
            edges[m].add(tgt)
            private += [f'{m}.py:{node.lineno}: from .{tgt} import {n}' for n in names if n.startswith('_') and not n.startswith('__')]

def cycles():
    "Every elementary cycle's canonical rotation found by DFS from each node (the graph is small)."
    found = set()
    def dfs(start, node, path):
        for nxt in sorted(edges[node]):
            if nxt == start: c = path[:]; i = c.index(min(c)); found.add(tuple(c[i:] + c[:i]))
            elif nxt not in path and nxt > start: dfs(start, nxt, path + [nxt])
    for s in sorted(edges): dfs(s, s, [s])
    return sorted(found)

if __name__ == '__main__':
    if '--graph' in sys.argv:
        for m in sorted(edges): print(f'{m}: {", ".join(sorted(edges[m]))}')
    cyc = cycles()
    for c in cyc: print('import cycle: ' + ' -> '.join(c + (c[0],)))
    for p in private: print('private name across modules: ' + p)
    if cyc or private: sys.exit(1)
    print(f'import graph of {len(mods)} modules: no cycle, no private name across modules')
