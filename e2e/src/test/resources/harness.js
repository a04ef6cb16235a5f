// Helpers the browser tests prepend to their scripts. Inputs arrive from Java as
// {width, height, data: base64 RGBA} (images) or strings (texts).
function tandemDecode(input) {
  if (typeof input === 'string') return input;
  const bin = atob(input.data);
  const bytes = new Uint8ClampedArray(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new ImageData(bytes, input.width, input.height);
}
// A tensor as exact integers: float32 as its IEEE bit pattern, int64 as a number.
function tandemBits(tensor) {
  const d = tensor.data;
  const values = d instanceof Float32Array
    ? Array.from(new Uint32Array(d.buffer, d.byteOffset, d.length))
    : Array.from(d, x => Number(x));
  return { dtype: tensor.dtype, dims: Array.from(tensor.dims), values };
}
function tandemFail(done, e) {
  done({ error: String((e && (e.stack || e.message)) || e) });
}
