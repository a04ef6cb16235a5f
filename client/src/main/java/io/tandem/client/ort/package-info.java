/**
 * The slice of ONNX Runtime Web that Tandem uses, as TeaVM JSO overlays: the module namespace
 * ({@link io.tandem.client.ort.Ort}), its environment, sessions and tensors. Nothing else of
 * ORT Web is bound; {@link io.tandem.client.ort.OrtTensors} converts to and from the pipeline's
 * tensors.
 */
package io.tandem.client.ort;
