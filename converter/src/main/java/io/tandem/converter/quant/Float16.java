package io.tandem.converter.quant;

/**
 * float32 → IEEE 754 binary16 bits, rounding to nearest even (Java 17 has no Float.floatToFloat16).
 * Values beyond fp16's range saturate to ±65504 rather than becoming infinity: a weight or a mask
 * constant of -3.4e38 must stay a finite "very negative" number.
 */
public final class Float16 {
    public static final float MAX = 65504f;

    private Float16() {
    }

    public static short fromFloat(float f) {
        if (Float.isNaN(f)) {
            return (short) 0x7e00;
        }
        float clamped = Math.max(-MAX, Math.min(MAX, f));
        int bits = Float.floatToRawIntBits(clamped);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = bits & 0x7fffff;
        if (exp <= 0) {
            // Subnormal in fp16 (or zero): shift the implicit 1 in and round half to even.
            if (exp < -10) {
                return (short) sign;
            }
            mantissa |= 0x800000;
            int shift = 14 - exp;
            int half = mantissa >>> shift;
            int rest = mantissa & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (exp << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, which is still correct rounding
        }
        return (short) (sign | half);
    }

    public static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exp == 0) {
            float v = mantissa * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mantissa << 13));
    }
}
