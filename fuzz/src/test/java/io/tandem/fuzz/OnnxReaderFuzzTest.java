package io.tandem.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tandem.converter.ConverterException;
import io.tandem.converter.onnx.OnnxFile;
import io.tandem.converter.onnx.OnnxModelReader;

/**
 * The converter's ONNX protobuf reader takes files users bring: any bytes are read or refused with
 * a ConverterException (one line for the CLI), never an IndexOutOfBounds, a NegativeArraySize or
 * an OutOfMemoryError from a length field that lies.
 */
class OnnxReaderFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void anyBytesAreReadOrRefusedCleanly(byte[] bytes) {
        try {
            OnnxModelReader.read(bytes, "fuzz.onnx");
        } catch (ConverterException e) {
            // refused, as it should be
        }
        try {
            OnnxFile.read(bytes, "fuzz.onnx").toBytes();
        } catch (ConverterException e) {
            // refused
        }
    }
}
