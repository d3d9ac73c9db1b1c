#!/usr/bin/env bash
# Build the docs site as a reader sees it and photograph the tutorial path.
#   bash nbs/results/docs_check/build.sh        (from the repository root; needs `quarto` and `chromium` on PATH)
# A copy of the repository is built in a scratch folder: the home page, the tutorial pages and the ablations chapter
# are executed in place (committed notebooks carry no outputs), `nbdev_docs` renders the whole site,
# `.ci/site_check.py` checks it (links, warnings, lab notes, machine paths), and headless Chromium takes a full-page
# screenshot of each executed page; the screenshots and the check's report are written here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
git -C "$root" ls-files -z | (cd "$root" && xargs -0 cp --parents -t "$work")
cp "$root"/nbs/*.ipynb "$work/nbs/"  # the notebooks as they are now, committed or not
cd "$work"
pages="index mae_in_one_page 00_patches 01_masking 03_mae 06_train 07_eval 11a_ablations"
OMP_NUM_THREADS=1 python .ci/run_notebooks.py --inplace $(for p in $pages; do echo nbs/$p.ipynb; done)
nbdev_docs > "$work/nbdev_docs.log" 2>&1 || { tail -40 "$work/nbdev_docs.log"; exit 1; }
python .ci/site_check.py _docs > "$here/site_check.txt" || { cat "$here/site_check.txt"; exit 1; }
for p in $pages; do
  name=$(python -c "import re,sys; n=sys.argv[1]; print('index' if n=='index' else re.sub(r'^\d+[a-zA-Z0-9]*_', '', n))" "$p")
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,2400 \
    --screenshot="$here/$name.png" "file://$work/_docs/$name.html" > /dev/null 2>&1
done
echo "built in $work; screenshots and site_check.txt in $here"
