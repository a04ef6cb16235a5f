// Runs ONNX models in ONNX Runtime Web's WASM build under Node.js for the converter (validate,
// calibrate, bench): the same ort.wasm.min.mjs and ort-wasm-simd-threaded.wasm the server serves to
// browsers, one thread, so every machine computes the same bits.
//
// Usage: node ort-web-runner.mjs <dir holding ort.wasm.min.mjs>
// Wire format, both directions: a 4-byte little-endian length, that many bytes of UTF-8 JSON (the
// header), then the raw tensor bytes the header announces, in order.
//   {"op":"load","path":P}                      -> {"ok":true,"version":V,"inputs":[...],"outputs":[...]}
//   {"op":"run","feeds":[{name,type,dims,bytes}]} + bytes -> {"ok":true,"ms":M,"outputs":[{name,type,dims,bytes}]} + bytes
//   any failure                                  -> {"ok":false,"error":"one line"}
// stdout carries nothing else: console output goes to stderr.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

for (const level of ['log', 'info', 'warn', 'debug']) {
  console[level] = (...args) => process.stderr.write(args.join(' ') + '\n');
}

const ortDir = process.argv[2];
const ort = await import(pathToFileURL(join(ortDir, 'ort.wasm.min.mjs')).href);
ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;
ort.env.wasm.wasmPaths = pathToFileURL(ortDir + '/').href;
ort.env.logLevel = 'error';

const ARRAYS = { float32: Float32Array, int64: BigInt64Array, int32: Int32Array, uint8: Uint8Array, int8: Int8Array };
let session = null;

function send(header, buffers = []) {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length, 0);
  process.stdout.write(Buffer.concat([length, json, ...buffers]));
}

// Reads exactly n bytes from stdin, across chunk boundaries.
const chunks = [];
let buffered = 0;
let waiting = null;
process.stdin.on('data', (chunk) => {
  chunks.push(chunk);
  buffered += chunk.length;
  if (waiting && buffered >= waiting.n) {
    const w = waiting;
    waiting = null;
    w.resolve(take(w.n));
  }
});
process.stdin.on('end', () => {
  if (waiting) {
    waiting.resolve(null);
  }
});
function take(n) {
  const all = Buffer.concat(chunks);
  chunks.length = 0;
  if (all.length > n) {
    chunks.push(all.subarray(n));
  }
  buffered = all.length - n;
  return all.subarray(0, n);
}
function read(n) {
  if (buffered >= n) {
    return Promise.resolve(take(n));
  }
  return new Promise((resolve) => { waiting = { n, resolve }; });
}

async function handle(header) {
  if (header.op === 'load') {
    if (session) {
      await session.release();
    }
    session = await ort.InferenceSession.create(new Uint8Array(readFileSync(header.path)),
      { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    send({ ok: true, version: ort.env.versions.web, inputs: session.inputNames, outputs: session.outputNames });
    return;
  }
  if (header.op === 'run') {
    // Every feed's bytes first, so that a refused feed still leaves the stream in step.
    const payloads = [];
    for (const f of header.feeds) {
      payloads.push(await read(f.bytes));
    }
    const feeds = {};
    for (const [i, f] of header.feeds.entries()) {
      const bytes = payloads[i];
      const Type = ARRAYS[f.type];
      if (!Type) {
        throw new Error(`input ${f.name}: unsupported type ${f.type}`);
      }
      const copy = new Uint8Array(bytes);
      feeds[f.name] = new ort.Tensor(f.type, new Type(copy.buffer, 0, copy.length / Type.BYTES_PER_ELEMENT), f.dims);
    }
    if (!session) {
      throw new Error('no model loaded');
    }
    const start = performance.now();
    const results = await session.run(feeds);
    const ms = performance.now() - start;
    const outputs = [];
    const buffers = [];
    for (const name of session.outputNames) {
      const t = results[name];
      if (!ARRAYS[t.type]) {
        throw new Error(`output ${name}: unsupported type ${t.type}`);
      }
      const data = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
      outputs.push({ name, type: t.type, dims: t.dims, bytes: data.length });
      buffers.push(data);
    }
    send({ ok: true, ms, outputs }, buffers);
    return;
  }
  throw new Error(`unknown op ${header.op}`);
}

for (;;) {
  const length = await read(4);
  if (!length || length.length < 4) {
    break;
  }
  const header = JSON.parse((await read(length.readUInt32LE(0))).toString('utf8'));
  try {
    await handle(header);
  } catch (e) {
    send({ ok: false, error: String(e && e.message ? e.message : e).split('\n')[0] });
  }
}
process.exit(0);
