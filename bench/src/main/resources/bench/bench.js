// The page side of BrowserBenchmark. Each exported function runs in a freshly loaded
// /bench/index.html (one ONNX Runtime Web instance per page: env.wasm.* is read before the first
// session only) and returns plain JSON. Times are performance.now() differences in the page.
// Inputs arrive from Java as strings (texts) or {width, height, data: base64 RGBA} (images).

function decode(input) {
  if (typeof input === 'string') return input;
  const bin = atob(input.data);
  const bytes = new Uint8ClampedArray(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new ImageData(bytes, input.width, input.height);
}

// Text inputs for the server get i trailing spaces: the tokenizer drops them (same tensors), but a
// prediction cache keyed on the request cannot answer from memory.
function uncached(input, i) {
  return typeof input === 'string' ? input + ' '.repeat(i % 64) : input;
}

function ids(feeds) {
  return Array.from(feeds.input_ids.data, Number);
}

function bytesSoFar() {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  let transfer = 0, decoded = 0;
  for (const e of entries) {
    transfer += e.transferSize || 0;
    decoded += e.decodedBodySize || 0;
  }
  const js = entries.find(e => /\/tandem\.js$/.test(e.name));
  return { transfer, decoded, count: entries.length, tandemJs: js ? { transfer: js.transferSize, encoded: js.encodedBodySize, decoded: js.decodedBodySize } : null };
}

const yieldToLoop = () => new Promise(r => setTimeout(r, 0));

/**
 * ONNX Runtime Web for the floor rows: the same file Tandem imports, loaded as a separate module
 * instance (the query string makes it one), so its env (threads, no proxy worker: session.run on
 * this thread) is its own and Tandem's settings stay Tandem's.
 */
async function floorOrt(threads) {
  const ort = await import('/ort/ort.wasm.min.mjs?floor');
  ort.env.wasm.wasmPaths = new URL('/ort/', location.href).href;
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  return ort;
}

/**
 * Tandem wasm, alternated call by call with raw ORT Web session.run on the tensors m.prepare made
 * (the floor); then Tandem server; optionally the prepare() throughput loop and outputs for parity.
 */
export async function tandem({ id, variant, modelUrl, inputs, warmup, runs, threads, server, tokenize, parity, probe }) {
  const t = await import('/tandem.js');
  // `threads` is a load option of newer clients; older ones ignore it (loadInfo then says nothing).
  // `variant` (e.g. 'fp32') pins the file that modelUrl names; absent, the device's default.
  const m = await t.load(id, { device: 'wasm', threads, fallback: false, variant });
  const info = m.loadInfo || {};
  const ort = await floorOrt(threads);
  const decoded = inputs.map(decode);
  const prepared = [];
  const tokenIds = [];
  for (const x of decoded) {
    const p = await m.prepare(x);
    if (p.input_ids) tokenIds.push(ids(p));
    prepared.push(p);
  }
  const feeds = prepared.map(p => {
    const f = {};
    for (const name of Object.keys(p)) f[name] = new ort.Tensor(p[name].dtype, p[name].data, p[name].dims);
    return f;
  });
  const bytes = await (await fetch(modelUrl)).arrayBuffer();
  const session = await ort.InferenceSession.create(new Uint8Array(bytes),
    { executionProviders: ['wasm'], logSeverityLevel: 3 });
  const out = { tandem: [], tandemOwnMs: [], raw: [], server: [], threads: ort.env.wasm.numThreads,
    tandemThreads: info.threads, tandemWorker: info.worker, isolated: self.crossOriginIsolated };
  for (let r = 0; r < warmup + runs; r++) {
    const i = r % decoded.length;
    let t0 = performance.now();
    const res = await m.predict(decoded[i]);
    let t1 = performance.now();
    await session.run(feeds[i]);
    const t2 = performance.now();
    if (r >= warmup) {
      out.tandem.push(t1 - t0);
      out.tandemOwnMs.push(res.ms);
      out.raw.push(t2 - t1);
    }
  }
  // m.prepare alone (preprocessing + one typed-array copy per tensor): the part of the gap that is input prep.
  out.prepare = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await m.prepare(decoded[r % decoded.length]);
    out.prepare.push(performance.now() - t0);
  }
  // Scheduling probe: what one chained setTimeout(0) costs in this page (browsers clamp nested
  // timers to >= 4 ms), next to m.prepare of a 3-token text (TeaVM's green threads resume through
  // setTimeout(0)).
  if (probe) {
    out.setTimeout0 = [];
    out.prepareShort = [];
    for (let r = 0; r < 50; r++) {
      let t0 = performance.now();
      await new Promise(resolve => setTimeout(resolve, 0));
      out.setTimeout0.push(performance.now() - t0);
      t0 = performance.now();
      await m.prepare('Hello world.');
      out.prepareShort.push(performance.now() - t0);
    }
  }
  if (parity) {
    out.outputs = [];
    out.ids = tokenIds;
    for (let i = 0; i < decoded.length; i++) out.outputs.push(Array.from((await m.predict(decoded[i])).output));
  }
  if (tokenize && tokenize.length) {
    for (let i = 0; i < Math.min(200, tokenize.length); i++) await m.prepare(tokenize[i]);
    const t0 = performance.now();
    for (const text of tokenize) await m.prepare(text);
    out.prepareMs = performance.now() - t0;
  }
  await session.release();
  await m.close();
  if (server) {
    const s = await t.load(id, { device: 'server' });
    for (let r = 0; r < warmup + runs; r++) {
      const i = r % decoded.length;
      const t0 = performance.now();
      await s.predict(uncached(decoded[i], r));
      if (r >= warmup) out.server.push(performance.now() - t0);
    }
    await s.close();
  }
  return out;
}

async function transformers(threads) {
  const T = await import('/tjs/dist/transformers.js');
  T.env.allowLocalModels = true;
  T.env.allowRemoteModels = false;
  // A path, not a URL: transformers.js treats an http(s) localModelPath as remote and skips it.
  T.env.localModelPath = '/tjs/models/';
  const ortDist = new URL('/tjs/ort/', location.href).href;
  T.env.backends.onnx.wasm.wasmPaths = {
    mjs: ortDist + 'ort-wasm-simd-threaded.asyncify.mjs',
    wasm: ortDist + 'ort-wasm-simd-threaded.asyncify.wasm',
  };
  T.env.backends.onnx.wasm.numThreads = threads;
  return T;
}

/** transformers.js feature-extraction (mean pooling + normalize); tokenizer throughput and ids. */
export async function tjs({ model, dtype, texts, warmup, runs, threads, tokenize, parity }) {
  const T = await transformers(threads);
  const ex = await T.pipeline('feature-extraction', model, { dtype, device: 'wasm' });
  const out = { latency: [], threads: T.env.backends.onnx.wasm.numThreads, version: T.env.version,
    ortVersion: T.env.backends.onnx.versions && T.env.backends.onnx.versions.web,
    isolated: self.crossOriginIsolated };
  for (let r = 0; r < warmup + runs; r++) {
    const t0 = performance.now();
    await ex(texts[r % texts.length], { pooling: 'mean', normalize: true });
    if (r >= warmup) out.latency.push(performance.now() - t0);
  }
  if (parity) {
    out.outputs = [];
    out.ids = [];
    for (const text of texts) {
      out.outputs.push(Array.from((await ex(text, { pooling: 'mean', normalize: true })).data));
      out.ids.push(Array.from(ex.tokenizer(text, { truncation: true }).input_ids.data, Number));
    }
  }
  if (tokenize && tokenize.length) {
    const tok = ex.tokenizer;
    for (let i = 0; i < Math.min(200, tokenize.length); i++) tok(tokenize[i], { truncation: true });
    let t0 = performance.now();
    const allIds = [];
    for (const text of tokenize) allIds.push(tok(text, { truncation: true }).input_ids.data);
    out.tokenizeMs = performance.now() - t0;
    await yieldToLoop();
    t0 = performance.now();
    for (const text of tokenize) tok.encode(text);
    out.encodeMs = performance.now() - t0;
    out.tokenizeIds = allIds.map(a => Array.from(a, Number).join(','));
  }
  await ex.dispose();
  return out;
}

/** Time to first prediction in this page (since navigation start) and the bytes it fetched. */
export async function firstPrediction({ tool, id, model, dtype, input, device, module }) {
  let result;
  const called = performance.now();
  if (tool === 'tandem') {
    const t = await import(module || '/tandem.js');
    const imported = performance.now();
    const m = await t.load(id, device === 'auto' ? { threads: 1 } : { device: 'wasm', threads: 1, fallback: false });
    const loaded = performance.now();
    const r = await m.predict(decode(input));
    result = {
      ms: performance.now(), calledAt: called, importMs: imported - called, loadMs: loaded - imported,
      predictMs: performance.now() - loaded, runMs: r.ms, phases: m.loadInfo.phases, device: m.device, reason: m.reason,
    };
    await m.close();
  } else {
    const T = await transformers(1);
    const imported = performance.now();
    const ex = await T.pipeline('feature-extraction', model, { dtype, device: 'wasm' });
    const loaded = performance.now();
    await ex(input, { pooling: 'mean', normalize: true });
    result = { ms: performance.now(), calledAt: called, importMs: imported - called, loadMs: loaded - imported, predictMs: performance.now() - loaded };
    await ex.dispose();
  }
  return { ...result, ...bytesSoFar() };
}

/** A demo page: waits for data-status 'ready' (or 'error'); time since navigation start and bytes. */
export async function demoReady(timeoutMs) {
  const t0 = performance.now();
  while (document.body.dataset.status !== 'ready') {
    if (document.body.dataset.status === 'error') throw new Error('demo failed: ' + document.getElementById('error').textContent);
    if (performance.now() - t0 > timeoutMs) throw new Error('demo not ready after ' + timeoutMs + ' ms');
    await new Promise(r => setTimeout(r, 5));
  }
  return { ms: performance.now(), ...bytesSoFar() };
}

/** Chromium's idea of the machine. */
export function browserInfo() {
  return { userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency, isolated: self.crossOriginIsolated };
}
