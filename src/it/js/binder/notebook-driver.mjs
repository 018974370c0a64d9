// Drives Jupyter Notebook 6 (Debian's jupyter-notebook) in Debian's headless Chromium with
// playwright-core (never a downloaded browser).
//
// usage: node notebook-driver.mjs JOB.json
//   JOB = {"mode": "run-all" | "interrupt", "base": "http://127.0.0.1:PORT", "token": "...",
//          "notebook": "path relative to the server's notebook dir", "screenshot": "file.png",
//          "chromium": "/usr/bin/chromium", "timeoutMs": 300000}
// Prints a line "RESULT {...}" with what the page shows; the Java test asserts on it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const timeout = job.timeoutMs || 300000;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The notebook's state as the page shows it (DOM), plus the frontend's kernel object.
function pageState() {
  const icon = document.querySelector('#kernel_indicator_icon');
  const prompts = [...document.querySelectorAll('.code_cell .input_prompt')]
      .map((p) => p.textContent.replace(/\s+/g, ''));
  const imgs = [...document.querySelectorAll('.output_area img')]
      .filter((i) => (i.getAttribute('src') || '').startsWith('data:image/png'));
  const errors = [...document.querySelectorAll('.output_subarea.output_error')]
      .map((e) => e.textContent.slice(0, 300));
  const outputs = [...document.querySelectorAll('.code_cell')].map((c) =>
    [...c.querySelectorAll('.output_subarea')].map((o) => o.textContent.trim()).join('\n'));
  return {
    kernelIcon: icon ? icon.className : null,
    kernelConnected: !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel &&
        Jupyter.notebook.kernel.is_connected()),
    kernelName: window.Jupyter && Jupyter.notebook ? Jupyter.notebook.kernel_selector.current_selection : null,
    prompts,
    pngCount: imgs.length,
    pngRendered: imgs.filter((i) => i.complete && i.naturalWidth > 0).length,
    errors,
    outputs,
  };
}

async function waitFor(page, fn, what, ms = timeout) {
  try {
    await page.waitForFunction(fn, null, {timeout: ms, polling: 250});
  } catch (e) {
    const state = await page.evaluate(pageState).catch(() => null);
    throw new Error(`timed out after ${ms} ms waiting for ${what}; page: ${JSON.stringify(state)}`);
  }
}

const idle = () => {
  const i = document.querySelector('#kernel_indicator_icon');
  return !!i && i.classList.contains('kernel_idle_icon') && window.Jupyter &&
      Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected();
};

async function main() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: job.chromium || '/usr/bin/chromium',
      headless: true,
      args: FLAGS,
      viewport: {width: 1280, height: 900},
      timeout: 60000,
    });
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(60000);
    const url = `${job.base}/notebooks/${job.notebook.split('/').map(encodeURIComponent).join('/')}` +
        `?token=${encodeURIComponent(job.token)}`;
    const t0 = Date.now();
    await page.goto(url, {waitUntil: 'domcontentloaded', timeout: 60000});
    await waitFor(page, idle, 'the kernel to start and report idle', 120000);
    const started = Date.now() - t0;
    let result;
    if (job.mode === 'run-all') {
      // Cell > Run All, from the menu bar.
      await page.click('#celllink');
      await page.click('#run_all_cells > a');
      await waitFor(page, () => [...document.querySelectorAll('.code_cell .input_prompt')]
          .some((p) => p.textContent.includes('*')), 'the first cell to start', 60000);
      await waitFor(page, () => {
        const i = document.querySelector('#kernel_indicator_icon');
        const prompts = [...document.querySelectorAll('.code_cell .input_prompt')]
            .map((p) => p.textContent);
        return i && i.classList.contains('kernel_idle_icon') &&
            prompts.every((p) => /\[\d+\]/.test(p));
      }, 'every cell to run and the kernel to be idle');
      // Let the images decode before looking at them.
      await page.waitForTimeout(500);
      result = await page.evaluate(pageState);
    } else if (job.mode === 'interrupt') {
      const run = 'button[data-jupyter-action="jupyter-notebook:run-cell-and-select-next"]';
      const interrupt = 'button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]';
      await page.evaluate(() => Jupyter.notebook.select(0));
      await page.click(run);                  // cell 0: int before = 41;
      await waitFor(page, () => /\[1\]/.test(document.querySelectorAll('.code_cell .input_prompt')[0].textContent), 'cell 0', 60000);
      await page.click(run);                  // cell 1: while (true) {}
      await waitFor(page, () => document.querySelectorAll('.code_cell .input_prompt')[1].textContent.includes('*') &&
          document.querySelector('#kernel_indicator_icon').classList.contains('kernel_busy_icon'),
      'cell 1 to be running', 60000);
      await page.waitForTimeout(2000);        // it really loops
      const stillBusy = await page.evaluate(() =>
        document.querySelector('#kernel_indicator_icon').classList.contains('kernel_busy_icon'));
      const t1 = Date.now();
      await page.click(interrupt);            // the toolbar's interrupt button
      await waitFor(page, idle, 'the kernel to come back after the interrupt', 60000);
      const interruptMs = Date.now() - t1;
      await page.evaluate(() => Jupyter.notebook.select(2));
      await page.click(run);                  // cell 2: before + 1
      await waitFor(page, () => {
        const c = document.querySelectorAll('.code_cell')[2];
        return /\[\d+\]/.test(c.querySelector('.input_prompt').textContent) &&
            c.querySelector('.output_subarea') !== null;
      }, 'cell 2 to run after the interrupt', 60000);
      await waitFor(page, idle, 'idle after cell 2', 60000);
      result = {...await page.evaluate(pageState), stillBusyBeforeInterrupt: stillBusy, interruptMs};
    } else {
      throw new Error('unknown mode ' + job.mode);
    }
    result.kernelStartMs = started;
    result.totalMs = Date.now() - t0;
    if (job.screenshot) {
      // The notebook scrolls inside the page: grow the window to the whole notebook so the
      // screenshot shows every cell, the chart included.
      const h = await page.evaluate(() => document.querySelector('#notebook-container').scrollHeight +
          document.querySelector('#header').offsetHeight + 120);
      await page.setViewportSize({width: 1280, height: Math.min(h, 12000)});
      await page.waitForTimeout(500);
      fs.mkdirSync(path.dirname(job.screenshot), {recursive: true});
      await page.screenshot({path: job.screenshot, fullPage: true});
    }
    // Shut the kernel down from the page so the server has nothing left running.
    await page.evaluate(() => Jupyter.notebook.kernel.kill()).catch(() => {});
    console.log('RESULT ' + JSON.stringify(result));
  } finally {
    if (context) await context.close().catch(() => {});
    fs.rmSync(userDataDir, {recursive: true, force: true});
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
