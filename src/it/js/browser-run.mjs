// Runs a .tflite model in headless Debian Chromium (driven by playwright-core, never a
// downloaded browser) with LiteRT.js (@litertjs/core) or @tensorflow/tfjs-tflite.
//
// usage: node browser-run.mjs JOB.json
//   JOB = {"runtime": "litert" | "tfjs-tflite", "model": path, "input": path of raw
//          little-endian samples, "inputType": "float32" | "int8", "inputShape": [1, ...],
//          "count": N, "output": path for raw float32 outputs, "chromium": "/usr/bin/chromium"}
// Prints a line "RESULT {...}" with outputShape and the total run time in ms.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<script type="importmap">{"imports": {
  "@litertjs/core": "/node_modules/@litertjs/core/dist/index.js",
  "@litertjs/wasm-utils": "/node_modules/@litertjs/wasm-utils/dist/index.js"}}</script>
<script src="/node_modules/@tensorflow/tfjs-core/dist/tf-core.min.js"></script>
<script src="/node_modules/@tensorflow/tfjs-backend-cpu/dist/tf-backend-cpu.min.js"></script>
<script src="/node_modules/@tensorflow/tfjs-tflite/dist/tf-tflite.min.js"></script>
</head><body>quantlab runtime check</body></html>`;

const types = {'.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.html': 'text/html'};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let file = null;
  if (url.pathname === '/' || url.pathname === '/index.html') {
    res.writeHead(200, {'Content-Type': 'text/html'});
    res.end(PAGE);
    return;
  } else if (url.pathname === '/job/model.tflite') {
    file = job.model;
  } else if (url.pathname === '/job/input.bin') {
    file = job.input;
  } else if (url.pathname.startsWith('/node_modules/')) {
    file = path.join(here, path.normalize(url.pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(path.join(here, 'node_modules'))) file = null;
  }
  if (!file || !fs.existsSync(file)) {
    res.writeHead(404);
    res.end('not found');
    return;
  }
  res.writeHead(200, {'Content-Type': types[path.extname(file)] || 'application/octet-stream'});
  fs.createReadStream(file).pipe(res);
});

async function main() {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const userDataDir = fs.mkdtempSync('/tmp/quantlab-chromium-');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: job.chromium || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/`);
    const result = await page.evaluate(runInPage, job);
    if (result.error) throw new Error(result.error + '\n' + errors.join('\n'));
    const floats = Float32Array.from(result.values);
    fs.writeFileSync(job.output, Buffer.from(floats.buffer));
    process.stdout.write('RESULT ' + JSON.stringify({outputShape: result.outputShape,
      outputType: 'float32', ms: result.ms, runtime: job.runtime}) + '\n');
  } finally {
    await context.close();
    server.close();
    fs.rmSync(userDataDir, {recursive: true, force: true});
  }
}

// Runs inside the page.
async function runInPage(job) {
  try {
    const raw = new Uint8Array(await (await fetch('/job/input.bin')).arrayBuffer());
    const modelBytes = new Uint8Array(await (await fetch('/job/model.tflite')).arrayBuffer());
    const per = job.inputShape.reduce((a, b) => a * b, 1);
    const sample = (i) => job.inputType === 'int8'
      ? Int32Array.from(new Int8Array(raw.buffer, i * per, per))
      : new Float32Array(raw.buffer.slice(i * per * 4, (i + 1) * per * 4));
    const values = [];
    let outputShape = null;
    let ms = 0;
    if (job.runtime === 'litert') {
      const litert = await import('@litertjs/core');
      await litert.loadLiteRt('/node_modules/@litertjs/core/wasm/');
      const model = await litert.loadAndCompile(modelBytes, {accelerator: 'wasm'});
      for (let i = 0; i < job.count; i++) {
        const t0 = performance.now();
        const input = new litert.Tensor(sample(i), job.inputShape);
        const outs = await model.run([input]);
        const y = outs[0].toTypedArray();
        ms += performance.now() - t0;
        outputShape = outputShape || Array.from(outs[0].type.layout.dimensions);
        for (const v of y) values.push(v);
        input.delete();
        for (const o of outs) o.delete();
      }
      model.delete();
    } else if (job.runtime === 'tfjs-tflite') {
      await tf.setBackend('cpu');
      tflite.setWasmPath('/node_modules/@tensorflow/tfjs-tflite/wasm/');
      const model = await tflite.loadTFLiteModel(modelBytes.buffer, {numThreads: 1});
      for (let i = 0; i < job.count; i++) {
        const t0 = performance.now();
        const x = job.inputType === 'int8'
          ? tf.tensor(sample(i), job.inputShape, 'int32') : tf.tensor(sample(i), job.inputShape);
        const y = model.predict(x);
        const data = y.dataSync();
        ms += performance.now() - t0;
        outputShape = outputShape || y.shape;
        for (const v of data) values.push(v);
        x.dispose();
        y.dispose();
      }
    } else {
      return {error: 'unknown runtime ' + job.runtime};
    }
    return {values, outputShape, ms};
  } catch (e) {
    return {error: String(e && e.stack || e)};
  }
}

main().catch((e) => {
  process.stderr.write('browser-run failed: ' + (e && e.stack || e) + '\n');
  process.exit(1);
});
