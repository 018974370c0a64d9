// Runs a .tflite model in LiteRT.js (@litertjs/core, WebAssembly + XNNPACK) under Node.js, for
// quantlab.deploy.LiteRt (lesson 08). Derived from src/it/js/litert-node.cjs.
//
// usage: node litert-run.cjs JOB.json
//   JOB = {"nodeModules": folder holding @litertjs/core, "model": path,
//          "input": path of raw little-endian float32 rows, "count": rows,
//          "output": path for the raw float32 outputs, "warmup": runs, "runs": timed runs}
// Every input row is run once for the outputs; then `warmup` untimed runs and `runs` timed runs
// cycle through the rows. A timed run is what a JavaScript caller pays for one inference: create
// the input tensor, run, read the output back, free both (performance.now() around it).
// Prints one line "RESULT {...}" on stdout, or "ERROR message" on stderr and exits with 2.
'use strict';
const fs = require('fs');
const path = require('path');
const url = require('url');

globalThis.self = globalThis;
globalThis.importScripts = (u) => {
  const file = path.resolve(u.startsWith('file://') ? new URL(u).pathname : u);
  // The package is "type": "module", so require() would load the emscripten glue as ESM without
  // exports; compile it as a CommonJS function and publish its ModuleFactory.
  const code = fs.readFileSync(file, 'utf8');
  const mod = {exports: {}};
  const fn = require('vm').compileFunction(code,
      ['module', 'exports', 'require', '__filename', '__dirname'], {filename: file});
  fn(mod, mod.exports, require, file, path.dirname(file));
  globalThis.ModuleFactory = mod.exports;
};

function fail(message) {
  process.stderr.write('ERROR ' + message + '\n');
  process.exit(2);
}

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const core = path.join(job.nodeModules, '@litertjs', 'core');
  const pkg = JSON.parse(fs.readFileSync(path.join(core, 'package.json'), 'utf8'));
  const litert = await import(url.pathToFileURL(path.join(core, pkg.main || 'dist/index.js')).href);
  await litert.loadLiteRt(path.join(core, 'wasm') + '/');
  const modelBytes = new Uint8Array(fs.readFileSync(job.model));
  let model;
  try {
    model = await litert.loadAndCompile(modelBytes, {accelerator: 'wasm'});
  } catch (e) {
    fail('LiteRT.js rejected the model: ' + (e && e.message || e));
  }
  const inputs = model.getInputDetails();
  const outputsDetails = model.getOutputDetails();
  if (inputs.length !== 1) {
    fail(`the model has ${inputs.length} inputs; only single-input models are supported`);
  }
  if (inputs[0].dtype !== 'float32') {
    fail(`the model's input is ${inputs[0].dtype}; only float32 inputs are supported`);
  }
  const inputShape = Array.from(inputs[0].shape);
  const per = inputShape.reduce((a, b) => a * b, 1);
  const raw = fs.readFileSync(job.input);
  const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  if (all.length !== per * job.count) {
    fail(`the input file holds ${all.length} floats, expected ${job.count} rows of ${per}`
        + ` (input shape [${inputShape}])`);
  }
  const rows = [];
  for (let i = 0; i < job.count; i++) rows.push(all.slice(i * per, (i + 1) * per));
  const once = async (x) => {
    const input = new litert.Tensor(x, inputShape);
    const outs = await model.run([input]);
    const y = outs[0].toTypedArray();
    input.delete();
    for (const o of outs) o.delete();
    return y;
  };
  const chunks = [];
  let outputType = null;
  for (const x of rows) {
    const y = await once(x);
    outputType = outputType || y.constructor.name;
    chunks.push(Buffer.from(Float32Array.from(y).buffer));
  }
  fs.writeFileSync(job.output, Buffer.concat(chunks));
  for (let i = 0; i < job.warmup; i++) await once(rows[i % rows.length]);
  const times = [];
  for (let i = 0; i < job.runs; i++) {
    const t0 = performance.now();
    await once(rows[i % rows.length]);
    times.push(performance.now() - t0);
  }
  model.delete();
  const sorted = times.slice().sort((a, b) => a - b);
  const mean = times.length ? times.reduce((a, b) => a + b, 0) / times.length : NaN;
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
  process.stdout.write('RESULT ' + JSON.stringify({
    inputShape,
    outputShape: Array.from(outputsDetails[0].shape),
    outputDtype: outputsDetails[0].dtype,
    outputType,
    count: job.count,
    warmup: job.warmup,
    runs: job.runs,
    meanMs: mean,
    medianMs: median,
    minMs: sorted.length ? sorted[0] : NaN,
    litert: pkg.version,
    node: process.version,
  }) + '\n');
}

main().catch((e) => fail('LiteRT.js failed: ' + (e && e.stack || e)));
