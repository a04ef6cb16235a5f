// Types of /tandem.js, the Tandem browser runtime (client/README.md says what each member does).
// The e2e JsApiTest checks this file with tsc against an example that uses every member, and checks
// in Chromium that every function and property declared here exists on the module and its objects.

/** Where a model runs. `'auto'` (load only) picks one: WebGPU on a hardware adapter, else WASM, else the server. */
export type Device = 'auto' | 'wasm' | 'webgpu' | 'server';

/** A device a loaded model actually runs on. */
export type RunDevice = Exclude<Device, 'auto'>;

/** Every code a rejected promise's `error.code` can hold (the server's own codes come as `string`). */
export type ErrorCode =
  | 'invalid_argument'
  | 'invalid_input'
  | 'not_found'
  | 'integrity'
  | 'bad_bundle'
  | 'no_variant'
  | 'no_device'
  | 'runtime'
  | 'network'
  | 'storage'
  | 'closed'
  | 'bad_reply'
  | 'internal'
  | `http_${number}`
  | (string & {});

/** What every promise of the API rejects with. */
export interface TandemError extends Error {
  name: 'TandemError';
  code: ErrorCode;
  /** The HTTP status behind the failure, when there is one. */
  status?: number;
  /** The original error (ONNX Runtime Web's, fetch's), when there is one. */
  cause?: unknown;
}

/** `onProgress`'s argument: bytes over all files of this load. */
export interface Progress {
  file: string;
  loaded: number;
  total: number;
  /** 0–100, one decimal. */
  percent: number;
  /** True when the bytes came from Cache Storage. */
  fromCache: boolean;
}

/** `load()`'s options; every one is checked (type and range), an unknown name is refused. */
export interface LoadOptions {
  /** Default `'auto'`. */
  device?: Device;
  /** A variant name from the manifest, e.g. `'fp32'`, instead of the device's default. */
  variant?: string;
  /** Where models, `/ort/` and the API live, e.g. `'http://host:7070'`; default the page's origin. */
  baseUrl?: string;
  /** Called as model files arrive; exceptions it throws are ignored. */
  onProgress?: (progress: Progress) => void;
  /** Move on along WebGPU → WASM → server when the device fails; default true for `auto`. */
  fallback?: boolean;
  /** WASM threads, 1–64; only honoured when the page is cross-origin isolated. */
  threads?: number;
  /** False runs WASM inference on the page's main thread instead of ORT Web's proxy worker. */
  worker?: boolean;
  /** Opt in to sending aggregated input statistics (never inputs) for drift monitoring. */
  shareStats?: boolean;
  /** Predictions per drift report, 1–1000; default 20. */
  shareStatsEvery?: number;
  /** Test-only: `'webgpu'`, `'wasm'`, `'server'`, `'wasm-run'`, `'webgpu-run'` (comma-separated). */
  _simulateFailure?: string;
  /** Test-only: every warm-up run of `auto` is taken to last this many ms. */
  _simulateWarmUpMs?: number;
}

/** What `probe()` finds. */
export interface Capabilities {
  webgpu: {
    api: boolean;
    adapter: boolean;
    isFallbackAdapter: boolean;
    shaderF16: boolean;
    vendor: string;
    architecture: string;
    error: string;
  };
  wasm: { available: boolean; simd: boolean; threads: boolean };
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  deviceMemory: number | null;
  storage: { quota: number | null; usage: number | null };
}

/** An RGBA image: `data` is `width × height × 4` bytes. */
export interface RgbaImage {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** A tabular record: each feature a number, a string, or null/undefined (missing). */
export type TabularRecord = Record<string, number | string | null | undefined>;

/** Text models take a string; image models an image or canvas; tabular models a record. */
export type ModelInputValue = string | ImageData | HTMLCanvasElement | OffscreenCanvas | RgbaImage | TabularRecord;

/** A class and its probability (image, text and tabular classification). */
export interface LabelScore {
  label: string;
  score: number;
}

/** A named entity found in the text (token classification). */
export interface EntitySpan {
  entity: string;
  score: number;
  start: number;
  end: number;
  text: string;
}

/** A prediction's output: classes best first, an embedding (384 numbers, L2-normalised), entities, or values. */
export type Output = LabelScore[] | EntitySpan[] | number[];

/** What `predict` resolves to. */
export interface Prediction<O = Output> {
  output: O;
  /** Where it ran. */
  device: RunDevice;
  /** Page time from the call starting to run until the result, 0.01 ms. */
  ms: number;
  /** Server predictions: the server's own figure. */
  serverMs?: number;
  /** Server predictions: the model version that answered. */
  modelVersion?: string;
  /** Set when the device failed while running and the prediction ran again on the next one. */
  fallback?: string;
}

/** One model input tensor as the pipeline makes it. */
export interface PreparedTensor {
  dtype: 'float32' | 'int64';
  dims: number[];
  data: Float32Array | BigInt64Array;
}

/** `model.loadInfo`. */
export interface LoadInfo {
  ms: number;
  networkBytes: number;
  cacheBytes: number;
  offline: boolean;
  threads: number;
  worker: boolean;
  /** Where the load's time went, in the order the phases began; they may overlap. */
  phases: LoadPhase[];
}

/** One phase of `load`: e.g. `manifest`, `runtime import`, `model file`, `wasm session`, `warm-up`. */
export interface LoadPhase {
  name: string;
  /** ms after `load` began. */
  start: number;
  ms: number;
}

/** `model.shareStats` with `shareStats` on. */
export interface ShareStats {
  every: number;
  sent: number;
  pending: number;
}

/** The bundle's `manifest.json`, parsed (its full schema is the pipeline's Manifest). */
export interface Manifest {
  id: string;
  version: string;
  task: string;
  [field: string]: unknown;
}

/** A loaded model; `load` makes them (the class is not constructible). */
export declare class TandemModel {
  private constructor();
  /** The model id. */
  readonly id: string;
  /** The bundle's version. */
  readonly version: string;
  /** The bundle's task, e.g. `'image-classification'`. */
  readonly task: string;
  /** Where it runs (changes after a fallback while running). */
  readonly device: RunDevice;
  /** The manifest variant it runs, e.g. `'int8'`. */
  readonly variant: string | null;
  /** WASM threads given to ONNX Runtime Web; 0 on the server. */
  readonly threads: number;
  /** Why it runs there. */
  readonly reason: string;
  /** The devices that failed (or were too slow) before this one. */
  readonly fallbacks: string[];
  /** What `probe()` found when the model was loaded. */
  readonly capabilities: Capabilities;
  readonly storage: 'cache' | 'memory' | 'none';
  /** Sentences worth showing a person: quota exceeded, old versions evicted, offline. */
  readonly notes: string[];
  readonly loadInfo: LoadInfo;
  readonly shareStats: ShareStats | null;
  readonly manifest: Manifest;
  /** One prediction; predictions on one model run one at a time, in call order. */
  predict<O extends Output = Output>(input: ModelInputValue): Promise<Prediction<O>>;
  /** The exact tensors the pipeline makes for `input`, by model input name; runs no model. */
  prepare(input: ModelInputValue): Promise<Record<string, PreparedTensor>>;
  /** Releases the session once the predictions already asked for are done. */
  close(): Promise<void>;
  /** `"TandemModel mnist-cnn@1.0.0 on wasm (int8)"`. */
  toString(): string;
}

/** The model `load` resolves to. */
export type Model = TandemModel;

/** Loads a model: manifest, probe, route, download (cache first, sha256-checked), open. Rejects with a `TandemError`. */
export declare function load(modelId: string, options?: LoadOptions): Promise<TandemModel>;

/** What this browser offers models. */
export declare function probe(): Promise<Capabilities>;
