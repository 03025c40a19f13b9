package org.specsoc.datasets.envi;

import java.nio.ByteBuffer;

/**
 * The ENVI {@code data type} codes this package reads and writes. Complex types (6, 9) are not spectra and are
 * refused. Values are decoded to {@code double} so that a data-ignore value such as -32768 or 65535 is compared
 * exactly before any scaling.
 */
public enum EnviDataType {
    UINT8(1, 1),
    INT16(2, 2),
    INT32(3, 4),
    FLOAT32(4, 4),
    FLOAT64(5, 8),
    UINT16(12, 2),
    UINT32(13, 4),
    INT64(14, 8),
    UINT64(15, 8);

    private final int code;
    private final int bytes;

    EnviDataType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The header's {@code data type} number. */
    public int code() {
        return code;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    /** The type for a header code, or empty when ENVI defines no such code or this package does not read it. */
    public static java.util.Optional<EnviDataType> ofCode(int code) {
        for (EnviDataType t : values()) {
            if (t.code == code) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Reads {@code count} consecutive values from byte {@code index} of {@code buffer} into {@code out}: one
     * type dispatch per run instead of per value, so the common types decode in a tight loop.
     */
    void readRun(ByteBuffer buffer, int index, int count, double[] out) {
        switch (this) {
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = buffer.getFloat(index + 4 * i);
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = buffer.getShort(index + 2 * i);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = buffer.getShort(index + 2 * i) & 0xFFFF;
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    out[i] = read(buffer, index + bytes * i);
                }
            }
        }
    }

    /** Reads the value at byte {@code index} of {@code buffer} (whose byte order is already set). */
    double read(ByteBuffer buffer, int index) {
        return switch (this) {
            case UINT8 -> buffer.get(index) & 0xFF;
            case INT16 -> buffer.getShort(index);
            case INT32 -> buffer.getInt(index);
            case FLOAT32 -> buffer.getFloat(index);
            case FLOAT64 -> buffer.getDouble(index);
            case UINT16 -> buffer.getShort(index) & 0xFFFF;
            case UINT32 -> buffer.getInt(index) & 0xFFFFFFFFL;
            case INT64 -> buffer.getLong(index);
            // An unsigned 64-bit value above 2^63 only arises as a sentinel; doubles keep its magnitude.
            case UINT64 -> {
                long v = buffer.getLong(index);
                yield v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
            }
        };
    }

    /** Writes {@code value} at byte {@code index}; integer types round to nearest (used by tests and tools). */
    void write(ByteBuffer buffer, int index, double value) {
        switch (this) {
            case UINT8 -> buffer.put(index, (byte) Math.round(value));
            case INT16, UINT16 -> buffer.putShort(index, (short) Math.round(value));
            case INT32, UINT32 -> buffer.putInt(index, (int) Math.round(value));
            case FLOAT32 -> buffer.putFloat(index, (float) value);
            case FLOAT64 -> buffer.putDouble(index, value);
            case INT64, UINT64 -> buffer.putLong(index, Math.round(value));
        }
    }
}
