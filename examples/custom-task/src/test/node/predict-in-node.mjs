// Loads a build of tandem.js in Node and predicts with a text-sentiment bundle on device 'wasm',
// with a stand-in for ONNX Runtime Web: the model is fake, everything else is the compiled Java
// (manifest parsing, the task registry, the option checks, the WordPiece tokenizer, the sentiment
// postprocessing). BrowserRuntimeTest runs it.
//
//   node predict-in-node.mjs <tandem.js> <postprocessing JSON> <text>...
//
// Prints one JSON line: {"ok": true, "results": [{output, device}], "ids": [[...]]} or
// {"ok": false, "code": ..., "message": ...}.
//
// The stand-in model reads the token ids: each "good" (id 5) adds 1 to the positive logit and
// takes 1 from the negative one, each "bad" (id 6) does the opposite, so "good film" gives the
// logits [-1, 1].
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [tandemJs, postprocessing, ...texts] = process.argv.slice(2);
const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'good', 'bad', 'film', 'not'].join('\n') + '\n';

const FAKE_ORT = `
export const env = { wasm: {} };
export class Tensor {
  constructor(type, data, dims) { this.type = type; this.data = data; this.dims = dims; }
  dispose() {}
}
class Session {
  constructor() { this.inputNames = ['input_ids', 'attention_mask']; this.outputNames = ['logits']; }
  async run(feeds) {
    const ids = Array.from(feeds.input_ids.data, Number);
    globalThis.__seenIds.push(ids);
    let s = 0;
    for (const id of ids) { if (id === 5) s++; if (id === 6) s--; }
    return { logits: new Tensor('float32', new Float32Array([-s, s]), [1, 2]) };
  }
  async release() {}
}
export const InferenceSession = { async create() { return new Session(); } };
`;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function writeBundle(base) {
  const dir = join(base, 'models', 'reviews');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(base, 'ort'));
  writeFileSync(join(base, 'ort', 'ort.wasm.min.mjs'), FAKE_ORT);
  const vocab = Buffer.from(VOCAB, 'utf8');
  const model = Buffer.from('not a real model: the stand-in ORT never reads it', 'utf8');
  writeFileSync(join(dir, 'vocab.txt'), vocab);
  writeFileSync(join(dir, 'model.onnx'), model);
  const manifest = {
    schema: 1, id: 'reviews', version: '1.0.0', title: 'Film reviews', task: 'text-sentiment',
    inputs: [
      { name: 'input_ids', dtype: 'int64', shape: ['batch', 'sequence'] },
      { name: 'attention_mask', dtype: 'int64', shape: ['batch', 'sequence'] },
    ],
    outputs: [{ name: 'logits', dtype: 'float32', shape: ['batch', 2] }],
    preprocessing: { type: 'bert-wordpiece', vocab: 'vocab.txt', maxLength: 16 },
    postprocessing: JSON.parse(postprocessing),
    labels: ['negative', 'positive'],
    files: [{ path: 'vocab.txt', bytes: vocab.length, sha256: sha256(vocab) }],
    variants: [{ name: 'fp32', precision: 'fp32', file: 'model.onnx', bytes: model.length, sha256: sha256(model), devices: ['wasm', 'server'] }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

// What a page has and Node lacks; fetch reads the bundle's files from disk.
globalThis.self = globalThis;
globalThis.__seenIds = [];
globalThis.fetch = async (url) => {
  try {
    return new Response(readFileSync(fileURLToPath(String(url))), { status: 200 });
  } catch (e) {
    return new Response('not found', { status: 404 });
  }
};

const base = mkdtempSync(join(tmpdir(), 'tandem-sentiment-'));
let answer;
try {
  writeBundle(base);
  const { load } = await import(pathToFileURL(tandemJs).href);
  const model = await load('reviews', { device: 'wasm', baseUrl: pathToFileURL(base).href, worker: false });
  const results = [];
  for (const text of texts) {
    const r = await model.predict(text);
    results.push({ output: r.output, device: r.device });
  }
  answer = { ok: true, results, ids: globalThis.__seenIds };
} catch (e) {
  answer = { ok: false, code: e && e.code, message: String(e && e.message || e) };
} finally {
  rmSync(base, { recursive: true, force: true });
}
console.log(JSON.stringify(answer));
// TeaVM's green threads may keep timers; the answer is out.
process.exit(0);
