package io.tandem.converter.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A message as its list of fields, in file order; see {@link ProtoField}. */
public final class ProtoMessage {
    private final List<ProtoField> fields;

    private ProtoMessage(List<ProtoField> fields) {
        this.fields = fields;
    }

    public static ProtoMessage parse(byte[] data) {
        return parse(data, 0, data.length);
    }

    public static ProtoMessage parse(byte[] data, int offset, int length) {
        ProtoReader r = ProtoReader.slice(data, offset, offset + length);
        List<ProtoField> fields = new ArrayList<>();
        while (r.hasMore()) {
            int number = r.nextField();
            fields.add(r.field(number));
        }
        return new ProtoMessage(Collections.unmodifiableList(fields));
    }

    public List<ProtoField> fields() {
        return fields;
    }

    /** The last value of a singular field (protobuf's rule), or null. */
    public ProtoField last(int number) {
        ProtoField found = null;
        for (ProtoField f : fields) {
            if (f.number() == number) {
                found = f;
            }
        }
        return found;
    }

    public List<ProtoField> all(int number) {
        List<ProtoField> out = new ArrayList<>();
        for (ProtoField f : fields) {
            if (f.number() == number) {
                out.add(f);
            }
        }
        return out;
    }

    public String string(int number, String fallback) {
        ProtoField f = last(number);
        return f == null ? fallback : f.string();
    }

    public long varint(int number, long fallback) {
        ProtoField f = last(number);
        return f == null ? fallback : f.varint();
    }

    /** Values of a repeated varint field, packed or not. */
    public List<Long> varints(int number) {
        List<Long> out = new ArrayList<>();
        for (ProtoField f : fields) {
            if (f.number() != number) {
                continue;
            }
            if (f.wireType() == ProtoReader.VARINT) {
                out.add(f.varint());
            } else {
                ProtoReader r = f.reader();
                while (r.hasMore()) {
                    out.add(r.readVarint());
                }
            }
        }
        return out;
    }

    public void writeTo(ProtoWriter w) {
        for (ProtoField f : fields) {
            w.field(f);
        }
    }
}
