// Uses every function, option and member tandem.d.ts declares, as a TypeScript page would; JsApiTest
// compiles it with tsc --strict against the npm package (node_modules/tandem-client).
import { load, probe, TandemModel } from 'tandem-client';
import type {
  Capabilities, Device, EntitySpan, ErrorCode, LabelScore, LoadInfo, LoadOptions, Manifest, Model,
  Prediction, PreparedTensor, Progress, RunDevice, ShareStats, TandemError,
} from 'tandem-client';

async function main(canvas: HTMLCanvasElement): Promise<void> {
  const caps: Capabilities = await probe();
  const gpu: boolean = caps.webgpu.api && caps.webgpu.adapter && !caps.webgpu.isFallbackAdapter && caps.webgpu.shaderF16;
  const where: string = caps.webgpu.vendor + caps.webgpu.architecture + caps.webgpu.error;
  const wasm: boolean = caps.wasm.available && caps.wasm.simd && caps.wasm.threads && caps.crossOriginIsolated;
  const sizes: Array<number | null> = [caps.hardwareConcurrency, caps.deviceMemory, caps.storage.quota, caps.storage.usage];

  const device: Device = gpu ? 'webgpu' : 'auto';
  const options: LoadOptions = {
    device,
    variant: 'fp32',
    baseUrl: 'http://localhost:7070',
    onProgress: (p: Progress) => console.log(p.file, p.loaded, p.total, p.percent, p.fromCache),
    fallback: true,
    threads: 2,
    worker: true,
    shareStats: false,
    shareStatsEvery: 20,
    _simulateFailure: 'webgpu',
    _simulateWarmUpMs: 5,
  };
  let model: Model;
  try {
    model = await load('mnist-cnn', options);
  } catch (e) {
    const error = e as TandemError;
    const code: ErrorCode = error.code;
    console.log(error.name, code, error.message, error.status, error.cause);
    return;
  }
  const m: TandemModel = model;
  const ran: RunDevice = m.device;
  const facts: Array<string | number | null> = [m.id, m.version, m.task, ran, m.variant, m.threads, m.reason, m.storage, String(m), m.toString()];
  const lists: string[] = [...m.fallbacks, ...m.notes];
  const loaded: Capabilities = m.capabilities;
  const info: LoadInfo = m.loadInfo;
  const infoValues: Array<number | boolean> = [info.ms, info.networkBytes, info.cacheBytes, info.offline, info.threads, info.worker];
  const stats: ShareStats | null = m.shareStats;
  if (stats) console.log(stats.every, stats.sent, stats.pending);
  const manifest: Manifest = m.manifest;
  console.log(gpu, where, wasm, sizes, facts, lists, loaded, infoValues, manifest.id, manifest.version, manifest.task);

  const digit: Prediction<LabelScore[]> = await m.predict<LabelScore[]>(canvas);
  console.log(digit.output[0].label, digit.output[0].score, digit.device, digit.ms, digit.serverMs, digit.modelVersion, digit.fallback);
  await m.predict(new ImageData(28, 28));
  await m.predict({ width: 1, height: 1, data: [0, 0, 0, 255] });
  const embedding: Prediction<number[]> = await (await load('minilm-l6-v2')).predict<number[]>('a sentence');
  const entities: Prediction<EntitySpan[]> = await (await load('ner')).predict<EntitySpan[]>('Ada Lovelace lived in London.');
  const e0: EntitySpan = entities.output[0];
  console.log(embedding.output.length, e0.entity, e0.score, e0.start, e0.end, e0.text);
  await (await load('penguins')).predict({ island: 'Biscoe', bill_length_mm: 39.1, sex: null });

  const feeds: Record<string, PreparedTensor> = await m.prepare(canvas);
  for (const [name, t] of Object.entries(feeds)) console.log(name, t.dtype, t.dims, t.data.length);
  await m.close();
}

main(document.createElement('canvas'));
