package org.equidens.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * NumPy .npy reader and writer for numeric arrays (format versions 1-3). Reads float64/float32 and
 * integer dtypes of either byte order, C or Fortran order, and returns C-ordered float64 data;
 * ".npy.gz" files are decompressed on the fly. Writes float64, C order, little endian.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiub])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A dense array: C-ordered float64 data with its shape. */
    public record Array(double[] data, int[] shape) {
        public int size(int axis) {
            return shape[axis];
        }

        public int rank() {
            return shape.length;
        }

        /** The value at a multi-index (slow; for tests and small lookups). */
        public double get(int... index) {
            if (index.length != shape.length) throw new IllegalArgumentException("rank mismatch");
            long flat = 0;
            for (int a = 0; a < shape.length; a++) flat = flat * shape[a] + index[a];
            return data[(int) flat];
        }
    }

    public static Array read(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return read(in, file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw InputException.at(file, "file not found");
        } catch (IOException e) {
            throw InputException.at(file, "cannot read .npy file: " + e.getMessage());
        }
    }

    /** Shape of an .npy file, reading only its header. */
    public static int[] shape(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 4096)) {
            boolean gz = file.getFileName().toString().endsWith(".gz");
            InputStream in = gz ? new GZIPInputStream(raw, 4096) : raw;
            Header h = readHeader(in, file);
            if (!gz) {
                // the data must be all there: a header that promises more than the file holds is a truncated file
                long count = 1;
                for (int n : h.shape) count = Math.multiplyExact(count, (long) n);
                long need = Math.addExact(h.headerBytes, Math.multiplyExact(count, (long) h.width));
                long size = Files.size(file);
                if (size < need) {
                    throw InputException.at(file, "truncated data: the header promises " + (need - h.headerBytes)
                            + " bytes of data, the file holds " + (size - h.headerBytes));
                }
            }
            return h.shape;
        } catch (java.nio.file.NoSuchFileException e) {
            throw InputException.at(file, "file not found");
        } catch (IOException e) {
            throw InputException.at(file, "cannot read .npy file: " + e.getMessage());
        } catch (ArithmeticException e) {
            throw InputException.at(file, "array too large");
        }
    }

    private record Header(char order, char kind, int width, boolean fortran, int[] shape, long headerBytes) {}

    static Array read(InputStream in, Path file) throws IOException {
        Header h = readHeader(in, file);
        char order = h.order;
        char kind = h.kind;
        int width = h.width;
        boolean fortran = h.fortran;
        int[] shape = h.shape;

        long count = 1;
        for (int n : shape) count *= n;
        if (count > Integer.MAX_VALUE - 8) throw InputException.at(file, "array too large: " + count + " elements");
        long nbytes = count * width;
        if (nbytes > Integer.MAX_VALUE - 8) throw InputException.at(file, "array too large: " + nbytes + " bytes");
        byte[] bytes = in.readNBytes((int) nbytes);
        if (bytes.length != nbytes) {
            throw InputException.at(file, "truncated data: expected " + nbytes + " bytes, found " + bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) values[i] = readOne(buf, kind, width, file);
        if (fortran && shape.length > 1) values = fortranToC(values, shape);
        return new Array(values, shape);
    }

    private static Header readHeader(InputStream in, Path file) throws IOException {
        byte[] magic = in.readNBytes(6);
        for (int i = 0; i < 6; i++) {
            if (magic.length < 6 || magic[i] != MAGIC[i]) throw InputException.at(file, "not a .npy file (bad magic)");
        }
        int major = in.read();
        int minor = in.read();
        if (major < 1 || major > 3 || minor < 0) throw InputException.at(file, "unsupported .npy version " + major);
        byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = major == 1 ? (lb.getShort() & 0xffff) : (lb.getInt() & 0xffffffffL);
        if (headerLen > 1 << 20) throw InputException.at(file, "implausible .npy header length " + headerLen);
        byte[] headerBytes = in.readNBytes((int) headerLen);
        if (headerBytes.length != headerLen) throw InputException.at(file, "truncated .npy header");
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) throw InputException.at(file, "malformed .npy header: " + header.trim());
        char order = d.group(1).charAt(0);
        char kind = d.group(2).charAt(0);
        int width = Integer.parseInt(d.group(3));
        boolean fortran = f.group(1).equals("True");
        int[] shape = parseShape(s.group(1), file);
        if (!supported(kind, width)) throw InputException.at(file, "unsupported .npy dtype '" + d.group(1) + kind + width + "' (float, int, uint or bool)");
        return new Header(order, kind, width, fortran, shape, 6 + 2 + lenBytes.length + headerLen);
    }

    private static boolean supported(char kind, int width) {
        switch (kind) {
            case 'f':
                return width == 8 || width == 4;
            case 'i':
            case 'u':
                return width == 8 || width == 4 || width == 2 || width == 1;
            case 'b':
                return width == 1;
            default:
                return false;
        }
    }

    private static double readOne(ByteBuffer buf, char kind, int width, Path file) {
        switch (kind) {
            case 'f':
                if (width == 8) return buf.getDouble();
                if (width == 4) return buf.getFloat();
                break;
            case 'i':
                if (width == 8) return buf.getLong();
                if (width == 4) return buf.getInt();
                if (width == 2) return buf.getShort();
                if (width == 1) return buf.get();
                break;
            case 'u':
                if (width == 8) return buf.getLong();
                if (width == 4) return buf.getInt() & 0xffffffffL;
                if (width == 2) return buf.getShort() & 0xffff;
                if (width == 1) return buf.get() & 0xff;
                break;
            case 'b':
                if (width == 1) return buf.get() != 0 ? 1 : 0;
                break;
            default:
        }
        throw InputException.at(file, "unsupported .npy dtype " + kind + width);
    }

    private static int[] parseShape(String text, Path file) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) continue;
            try {
                long v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
                if (v < 0 || v > Integer.MAX_VALUE) throw new NumberFormatException();
                dims.add((int) v);
            } catch (NumberFormatException e) {
                throw InputException.at(file, "bad .npy shape (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] fortranToC(double[] src, int[] shape) {
        double[] dst = new double[src.length];
        int rank = shape.length;
        int[] idx = new int[rank];
        for (int fIndex = 0; fIndex < src.length; fIndex++) {
            long c = 0;
            for (int a = 0; a < rank; a++) c = c * shape[a] + idx[a];
            dst[(int) c] = src[fIndex];
            for (int a = 0; a < rank; a++) { // Fortran order: first index fastest
                if (++idx[a] < shape[a]) break;
                idx[a] = 0;
            }
        }
        return dst;
    }

    /** Writes float64, C order, little endian, format 1.0. */
    public static void write(Path file, double[] data, int... shape) {
        write(file, false, data, shape);
    }

    /**
     * Writes float32 (values rounded to single precision), C order, little endian: for bulky grids
     * whose reference data carry fewer significant digits than a float holds.
     */
    public static void writeFloat32(Path file, double[] data, int... shape) {
        write(file, true, data, shape);
    }

    private static void write(Path file, boolean float32, double[] data, int[] shape) {
        long count = 1;
        for (int n : shape) count *= n;
        if (count != data.length) throw new IllegalArgumentException("shape does not match data length");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, float32, data, shape);
        } catch (IOException e) {
            throw InputException.at(file, "cannot write: " + e.getMessage());
        }
    }

    /** Writes float64 .npy content to a stream (the caller owns the stream and its atomic replacement). */
    public static void write(OutputStream out, double[] data, int... shape) throws IOException {
        write(out, false, data, shape);
    }

    private static void write(OutputStream out, boolean float32, double[] data, int[] shape) throws IOException {
        out.write(header(float32 ? "<f4" : "<f8", shape));
        int width = float32 ? 4 : 8;
        ByteBuffer buf = ByteBuffer.allocate(width * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            if (float32) buf.putFloat((float) v);
            else buf.putDouble(v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    private static byte[] header(String descr, int[] shape) throws IOException {
        StringBuilder sh = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) sh.append(",");
            if (i < shape.length - 1) sh.append(" ");
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + sh + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(MAGIC);
        head.write(1);
        head.write(0);
        int hl = header.length();
        head.write(hl & 0xff);
        head.write((hl >> 8) & 0xff);
        head.write(header.getBytes(StandardCharsets.ISO_8859_1));
        return head.toByteArray();
    }
}
