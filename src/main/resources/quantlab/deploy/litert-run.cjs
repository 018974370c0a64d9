// Runs a .tflite model in LiteRT.js (@litertjs/core, WebAssembly + XNNPACK) under Node.js, for
// quantlab.deploy.LiteRt (lesson 08). Derived from src/it/js/litert-node.cjs.
//
// usage: node litert-run.cjs JOB.json
//   JOB = {"nodeModules": folder holding @litertjs/core, "models": [paths],
//          "input": path of raw little-endian float32 rows, "count": rows,
//          "outputs": [paths for the raw float32 outputs, one per model],
//          "warmup": runs, "runs": timed runs}
// Every input row is run once in every model for the outputs; then `warmup` untimed runs and
// `runs` timed runs cycle through the rows, the models taking turns run by run (so a change in
// the machine's load hits all of them alike). A timed run is what a JavaScript caller pays for
// one inference: create the input tensor, run, read the output back, free both
// (performance.now() around it).
// Prints one line "RESULT [{...}, ...]" (one object per model) on stdout, or "ERROR message" on
// stderr and exits with 2.
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
  const raw = fs.readFileSync(job.input);
  const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const entries = [];
  for (const file of job.models) {
    let model;
    try {
      model = await litert.loadAndCompile(new Uint8Array(fs.readFileSync(file)), {accelerator: 'wasm'});
    } catch (e) {
      fail('LiteRT.js rejected the model ' + path.basename(file) + ': ' + (e && e.message || e));
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
    if (all.length !== per * job.count) {
      fail(`the input file holds ${all.length} floats, expected ${job.count} rows of ${per}`
          + ` (input shape [${inputShape}])`);
    }
    const rows = [];
    for (let i = 0; i < job.count; i++) rows.push(all.slice(i * per, (i + 1) * per));
    entries.push({model, inputShape, rows, outputShape: Array.from(outputsDetails[0].shape),
        outputDtype: outputsDetails[0].dtype, times: []});
  }
  const once = async (e, x) => {
    const input = new litert.Tensor(x, e.inputShape);
    const outs = await e.model.run([input]);
    const y = outs[0].toTypedArray();
    input.delete();
    for (const o of outs) o.delete();
    return y;
  };
  for (let m = 0; m < entries.length; m++) {
    const chunks = [];
    for (const x of entries[m].rows) {
      chunks.push(Buffer.from(Float32Array.from(await once(entries[m], x)).buffer));
    }
    fs.writeFileSync(job.outputs[m], Buffer.concat(chunks));
  }
  for (let i = 0; i < job.warmup; i++) {
    for (const e of entries) await once(e, e.rows[i % e.rows.length]);
  }
  for (let i = 0; i < job.runs; i++) {
    for (const e of entries) {
      const t0 = performance.now();
      await once(e, e.rows[i % e.rows.length]);
      e.times.push(performance.now() - t0);
    }
  }
  const results = entries.map((e) => {
    e.model.delete();
    const sorted = e.times.slice().sort((a, b) => a - b);
    const mean = e.times.length ? e.times.reduce((a, b) => a + b, 0) / e.times.length : NaN;
    return {
      inputShape: e.inputShape,
      outputShape: e.outputShape,
      outputDtype: e.outputDtype,
      count: job.count,
      warmup: job.warmup,
      runs: job.runs,
      meanMs: mean,
      medianMs: sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN,
      minMs: sorted.length ? sorted[0] : NaN,
      litert: pkg.version,
      node: process.version,
    };
  });
  process.stdout.write('RESULT ' + JSON.stringify(results) + '\n');
}

main().catch((e) => fail('LiteRT.js failed: ' + (e && e.stack || e)));
