// Driven by .ci/explorer_check.sh: node explorer_check.mjs <notebook url> <screenshot.png> [timeout s]
// Opens the notebook in headless Chromium, runs all cells, checks that every code cell ran without an error,
// drags the explorer's mask-ratio slider, waits until the loss line changes, and screenshots the explorer.
import { chromium } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, out, timeoutS = '600'] = process.argv.slice(2);
const runTimeout = Number(timeoutS) * 1000;
const fail = (msg) => { console.error(`explorer_check: FAIL: ${msg}`); process.exitCode = 1; };
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  // the app (exposed by --LabApp.expose_app_in_browser) with the notebook open and its kernel idle
  await page.waitForFunction(() => {
    const w = window.jupyterapp?.shell?.currentWidget;
    return w?.content?.widgets?.length > 0 && w.sessionContext?.session?.kernel?.status === 'idle';
  }, null, { timeout: 120_000 });
  const t0 = Date.now();
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
  // done when every code cell has an execution count and the kernel is idle; stop early on an error output
  const state = await page.waitForFunction(() => {
    const w = window.jupyterapp.shell.currentWidget;
    const cells = w.content.widgets.filter((c) => c.model.type === 'code');
    const errs = cells.map((c, i) => [i, c.model.outputs.toJSON().find((o) => o.output_type === 'error')]).filter(([, o]) => o);
    if (errs.length) return { error: `code cell ${errs[0][0]}: ${errs[0][1].ename}: ${errs[0][1].evalue}` };
    const done = cells.every((c) => typeof c.model.executionCount === 'number');
    return done && w.sessionContext.session.kernel.status === 'idle' ? { cells: cells.length } : false;
  }, null, { timeout: runTimeout, polling: 1000 }).then((h) => h.jsonValue());
  if (state.error) throw new Error(`running all cells: ${state.error}`);
  console.log(`ran ${state.cells} code cells in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const ui = page.locator('.mae-explorer').first();
  const info = ui.locator('.mae-explorer-info');
  await ui.scrollIntoViewIfNeeded();
  await info.waitFor({ state: 'visible', timeout: 30_000 });
  const before = await info.textContent();
  const lossOf = (s) => (s.match(/loss ([0-9.]+)/) || [])[1];
  if (!lossOf(before)) throw new Error(`no loss in the explorer's info line: ${JSON.stringify(before)}`);
  const readout = ui.locator('.mae-explorer-ratio .widget-readout');
  const r0 = (await readout.textContent()).trim();
  // move the slider as a keyboard user does: focus its handle, five steps to the left (each step is a 'change')
  const handle = ui.locator('.mae-explorer-ratio .noUi-handle');
  await handle.focus();
  for (let i = 0; i < 5; i++) await handle.press('ArrowLeft');
  if ((await readout.textContent()).trim() === r0) {
    // fallback: drag the handle a quarter of the track to the left (one 'change' on release)
    await handle.scrollIntoViewIfNeeded();
    const track = await ui.locator('.mae-explorer-ratio .noUi-target').boundingBox();
    const hb = await handle.boundingBox();
    const hx = hb.x + hb.width / 2, hy = hb.y + hb.height / 2;
    await page.mouse.move(hx, hy); await page.mouse.down();
    await page.mouse.move(hx - track.width / 4, hy, { steps: 8 }); await page.mouse.up();
  }
  const target = (await readout.textContent()).trim();
  if (target === r0) throw new Error(`the slider did not move (readout ${r0})`);
  // the kernel answers each step; wait until the info line reports the slider's final value
  await page.waitForFunction(([sel, b, r]) => {
    const t = document.querySelector(sel)?.textContent || '';
    return t !== b && t.includes(`slider ${r}`) && /loss [0-9.]+/.test(t);
  }, ['.mae-explorer .mae-explorer-info', before, target], { timeout: 60_000 });
  const after = await info.textContent();
  const r1 = (await readout.textContent()).trim();
  console.log(`slider ${r0} -> ${r1}\nbefore: ${before}\nafter:  ${after}`);
  if (r1 === r0) fail('the slider readout did not change');
  if (lossOf(after) === lossOf(before)) fail(`the loss did not change (${lossOf(before)})`);
  if (!after.includes(`slider ${r1}`)) fail(`the info line does not report the new slider value ${r1}`);
  await ui.screenshot({ path: out });
  console.log(`screenshot: ${out}`);
} catch (e) {
  fail(e.message);
  const shot = join(tmpdir(), 'explorer_check_failure.png');
  try { await browser.contexts()[0]?.pages()[0]?.screenshot({ path: shot, fullPage: true }); console.error(`page at the failure: ${shot}`); } catch {}
} finally {
  await browser.close();
}
