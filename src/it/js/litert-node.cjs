// Runs a .tflite model in LiteRT.js (@litertjs/core, WebAssembly + XNNPACK) under Node.js.
//
// usage: node litert-node.cjs JOB.json
//   JOB = {"model": path, "input": path of raw little-endian float32 samples,
//          "inputShape": [1, ...], "count": N, "output": path for raw float32 outputs}
// Prints {"outputShape": [...], "outputType": "float32", "ms": total run time} on stdout.
//
// LiteRT.js expects browser globals: define `self`, and provide `importScripts` that evaluates
// the emscripten glue as CommonJS and publishes its ModuleFactory.
'use strict';
const fs = require('fs');
const path = require('path');

globalThis.self = globalThis;
globalThis.importScripts = (url) => {
  const file = path.resolve(url.startsWith('file://') ? new URL(url).pathname : url);
  // The package is "type": "module", so require() would load the glue as ESM without exports;
  // compile it as a CommonJS function instead.
  const code = fs.readFileSync(file, 'utf8');
  const mod = {exports: {}};
  const fn = require('vm').compileFunction(code,
      ['module', 'exports', 'require', '__filename', '__dirname'], {filename: file});
  fn(mod, mod.exports, require, file, path.dirname(file));
  globalThis.ModuleFactory = mod.exports;
};

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const litert = await import('@litertjs/core');
  const wasmDir = path.join(__dirname, 'node_modules', '@litertjs', 'core', 'wasm') + '/';
  await litert.loadLiteRt(wasmDir);
  const modelBytes = new Uint8Array(fs.readFileSync(job.model));
  const model = await litert.loadAndCompile(modelBytes, {accelerator: 'wasm'});
  const raw = fs.readFileSync(job.input);
  const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  const per = job.inputShape.reduce((a, b) => a * b, 1);
  if (all.length !== per * job.count) {
    throw new Error(`input file holds ${all.length} floats, expected ${per * job.count}`);
  }
  const chunks = [];
  let outputShape = null;
  let ms = 0;
  for (let i = 0; i < job.count; i++) {
    const x = all.slice(i * per, (i + 1) * per);
    const t0 = performance.now();
    const input = new litert.Tensor(x, job.inputShape);
    const outs = await model.run([input]);
    const y = outs[0].toTypedArray();
    ms += performance.now() - t0;
    outputShape = outputShape || Array.from(outs[0].type.layout.dimensions);
    chunks.push(Buffer.from(new Float32Array(y).buffer));
    input.delete();
    for (const o of outs) o.delete();
  }
  fs.writeFileSync(job.output, Buffer.concat(chunks));
  model.delete();
  process.stdout.write("RESULT " + JSON.stringify({outputShape, outputType: "float32", ms, runtime: "litert-node"}) + "\n");
}

main().catch((e) => {
  process.stderr.write('litert-node failed: ' + (e && e.stack || e) + '\n');
  process.exit(1);
});
