package org.equidens.realspace;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equidens.basis.Units;
import org.equidens.io.InputException;
import org.equidens.structure.Atoms;
import org.equidens.structure.Elements;

/**
 * A Gaussian cube file: two comment lines, the atoms (atomic number, nuclear charge, position) and
 * one or more scalar fields on a {@link Grid}. This is the format Psi4, CP2K and Gaussian write
 * densities and potentials in, so reading it is how reference fields enter equidens and writing it
 * is how predicted fields reach a viewer.
 *
 * <p>Conventions honoured when reading:
 * <ul>
 *   <li>lengths are bohr; a negative first voxel count means the header lengths (origin, voxel vectors,
 *       atom positions) are Å, and they are converted to bohr with {@link Units#BOHR_IN_ANGSTROM};</li>
 *   <li>voxel vectors may be any three independent vectors (non-orthogonal cells);</li>
 *   <li>a negative atom count announces a line of dataset ids ("m id1 … idm", possibly wrapped) and m
 *       fields interleaved per point; an optional fifth number on the origin line gives the number of
 *       values per point;</li>
 *   <li>values are read as a stream of numbers regardless of how they are broken into lines (writers
 *       differ); their count must be exactly n0·n1·n2·m.</li>
 * </ul>
 * Any deviation is an {@link InputException} "file:line: problem".
 */
public record CubeFile(String title, String comment, int[] atomicNumbers, double[] nuclearCharges,
                       double[] positionsBohr, Grid grid, int[] datasetIds, List<double[]> sets) {

    public CubeFile {
        int na = atomicNumbers.length;
        if (nuclearCharges.length != na || positionsBohr.length != 3 * na) {
            throw new IllegalArgumentException("need one charge and 3 coordinates per atom");
        }
        if (sets.isEmpty()) throw new IllegalArgumentException("a cube file holds at least one field");
        for (double[] s : sets) {
            if (s.length != grid.size()) throw new IllegalArgumentException("field of " + s.length + " values on " + grid.size() + " points");
        }
        if (datasetIds != null && datasetIds.length != sets.size()) {
            throw new IllegalArgumentException(datasetIds.length + " dataset ids for " + sets.size() + " fields");
        }
        title = oneLine(title);
        comment = oneLine(comment);
    }

    /** A single-field cube of {@code data} for a structure (positions Å, converted to bohr). */
    public static CubeFile of(String title, String comment, Atoms atoms, VolumetricData data) {
        int n = atoms.size();
        int[] z = new int[n];
        double[] q = new double[n];
        double[] p = new double[3 * n];
        for (int a = 0; a < n; a++) {
            z[a] = Elements.atomicNumber(atoms.symbol(a));
            q[a] = z[a];
            for (int c = 0; c < 3; c++) p[3 * a + c] = Units.angstromToBohr(atoms.x(a, c));
        }
        return new CubeFile(title, comment, z, q, p, data.grid(), null, List.of(data.values()));
    }

    public int atoms() {
        return atomicNumbers.length;
    }

    /** Number of fields. */
    public int fields() {
        return sets.size();
    }

    /** The first (often only) field. */
    public VolumetricData data() {
        return data(0);
    }

    public VolumetricData data(int set) {
        return new VolumetricData(grid, sets.get(set));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    // ------------------------------------------------------------------ reading

    /** Reads a cube file; every problem is an {@link InputException} naming the file (and line). */
    public static CubeFile read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) throw InputException.at(file, "is a folder, not a file");
            // the reader holds the whole file: look at its start and its size before loading it
            try (java.io.InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(4096);
                int line = 1;
                for (int i = 0; i < head.length; i++) {
                    int b = head[i] & 0xff;
                    if (b == '\n') line++;
                    else if (b < 0x20 && b != '\r' && b != '\t' && b != '\f') {
                        throw InputException.at(file, line, "not a text file (control byte 0x" + Integer.toHexString(b) + ")");
                    }
                }
            }
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) throw InputException.at(file, "too large for a cube file (" + size + " bytes; at most 2 GB)");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw InputException.at(file, "no such file");
        } catch (IOException e) {
            throw InputException.at(file, "cannot read: " + e.getMessage());
        }
        return new Reader(file, bytes).read();
    }

    /** A byte cursor over the whole file with 1-based line numbers; no allocation per number. */
    private static final class Reader {
        private final Path file;
        private final byte[] b;
        private int pos;
        private int line = 1;
        private int tokStart, tokEnd;
        private int tokLine; // line of the last data token

        Reader(Path file, byte[] b) {
            this.file = file;
            this.b = b;
        }

        CubeFile read() {
            String title = textLine("title line");
            String comment = textLine("comment line");
            int headerLine = line;
            long natomsRaw = integerToken("atom count");
            double[] origin = {number("origin x"), number("origin y"), number("origin z")};
            int valuesPerPoint = 1;
            if (restOfLineHasToken()) {
                long nval = integerToken("values per point");
                if (nval < 1) throw err(headerLine, "values per point must be ≥ 1, got " + nval);
                valuesPerPoint = (int) nval;
            }
            endOfLine("origin line");
            int[] counts = new int[3];
            double[] vox = new double[9];
            boolean angstrom = false;
            for (int a = 0; a < 3; a++) {
                int l = line;
                long n = integerToken("voxel count of axis " + (a + 1));
                if (n == 0) throw err(l, "voxel count of axis " + (a + 1) + " is zero");
                if (a == 0) angstrom = n < 0;
                else if ((n < 0) != angstrom) throw err(l, "voxel counts have mixed signs (units bohr vs Å)");
                if (Math.abs(n) > Integer.MAX_VALUE / 8) throw err(l, "voxel count " + n + " too large");
                counts[a] = (int) Math.abs(n);
                for (int c = 0; c < 3; c++) vox[3 * a + c] = number("voxel vector " + (a + 1));
                endOfLine("voxel line");
            }
            long total = (long) counts[0] * counts[1] * counts[2];
            if (total > Integer.MAX_VALUE / 3) throw err(headerLine, "grid of " + total + " points is too large");
            if (Math.abs(natomsRaw) > 10_000_000) throw err(headerLine, "atom count " + natomsRaw + " is implausible");
            int natoms = (int) Math.abs(natomsRaw);
            int[] z = new int[natoms];
            double[] q = new double[natoms];
            double[] p = new double[3 * natoms];
            for (int i = 0; i < natoms; i++) {
                long zi = integerToken("atomic number of atom " + (i + 1));
                if (zi < 0 || zi > 200) throw err(line, "atomic number " + zi + " out of range");
                z[i] = (int) zi;
                q[i] = number("nuclear charge of atom " + (i + 1));
                for (int c = 0; c < 3; c++) p[3 * i + c] = number("position of atom " + (i + 1));
                endOfLine("atom line");
            }
            int[] ids = null;
            int nsets = valuesPerPoint;
            if (natomsRaw < 0) {
                int l = line;
                long m = integerToken("number of datasets");
                if (m < 1 || m > 100_000) throw err(l, "number of datasets must be ≥ 1, got " + m);
                ids = new int[(int) m];
                for (int i = 0; i < m; i++) {
                    if (i > 0 && !restOfLineHasToken()) endOfLine("dataset-id line"); // ids may wrap
                    long id = integerToken("dataset id " + (i + 1));
                    if (id < Integer.MIN_VALUE || id > Integer.MAX_VALUE) throw err(line, "dataset id out of range");
                    ids[i] = (int) id;
                }
                endOfLine("dataset-id line");
                if (valuesPerPoint != 1 && valuesPerPoint != m) {
                    throw err(headerLine, "values per point " + valuesPerPoint + " disagree with " + m + " dataset ids");
                }
                nsets = (int) m;
            }
            if (angstrom) {
                for (int c = 0; c < 3; c++) origin[c] = Units.angstromToBohr(origin[c]);
                for (int c = 0; c < 9; c++) vox[c] = Units.angstromToBohr(vox[c]);
                for (int c = 0; c < p.length; c++) p[c] = Units.angstromToBohr(p[c]);
            }
            Grid grid;
            try {
                grid = new Grid(origin, vox, counts);
            } catch (IllegalArgumentException e) {
                throw err(headerLine, "bad grid: " + e.getMessage());
            }
            int npt = grid.size();
            long expected = (long) npt * nsets;
            if (expected > Integer.MAX_VALUE - 16) throw err(headerLine, "too many values: " + expected);
            double[][] data = new double[nsets][npt];
            long count = 0;
            while (nextToken()) {
                if (count == expected) {
                    throw err(line, "more values than the header's " + counts[0] + "×" + counts[1] + "×" + counts[2]
                            + (nsets > 1 ? "×" + nsets : "") + " = " + expected + " (wrong dimensions)");
                }
                double v = parseToken("value");
                if (!Double.isFinite(v)) throw err(line, "value is not finite: " + token());
                int g = (int) (count / nsets), s = (int) (count % nsets);
                data[s][g] = v;
                count++;
            }
            if (count != expected) {
                throw err(count == 0 ? line : tokLine, "truncated data: the header's " + counts[0] + "×" + counts[1] + "×" + counts[2]
                        + (nsets > 1 ? "×" + nsets : "") + " = " + expected + " values, found " + count);
            }
            return new CubeFile(title, comment, z, q, p, grid, ids, new ArrayList<>(Arrays.asList(data)));
        }

        private InputException err(int l, String problem) {
            return InputException.at(file, l, problem);
        }

        private String textLine(String what) {
            if (pos >= b.length) throw err(line, "truncated: missing " + what);
            int s = pos;
            while (pos < b.length && b[pos] != '\n') pos++;
            int e = pos;
            if (e > s && b[e - 1] == '\r') e--;
            for (int i = s; i < e; i++) {
                int c = b[i] & 0xff;
                if (c < 0x20 && c != '\t') throw err(line, "not a text file (control byte 0x" + Integer.toHexString(c) + ")");
            }
            String text = new String(b, s, e - s, StandardCharsets.UTF_8);
            if (pos < b.length) {
                pos++;
                line++;
            }
            return text;
        }

        private static boolean blank(byte c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
        }

        /** Next token, crossing line ends; false at the end of the file. */
        private boolean nextToken() {
            while (pos < b.length) {
                byte c = b[pos];
                if (c == '\n') line++;
                else if (!blank(c)) break;
                pos++;
            }
            if (pos >= b.length) return false;
            tokLine = line;
            tokStart = pos;
            while (pos < b.length && b[pos] != '\n' && !blank(b[pos])) pos++;
            tokEnd = pos;
            return true;
        }

        /** Next token on the current header line; a missing one is a truncated header. */
        private void headerToken(String what) {
            while (pos < b.length && blank(b[pos])) pos++;
            if (pos >= b.length || b[pos] == '\n') {
                throw err(line, (pos >= b.length ? "truncated: missing " : "missing ") + what);
            }
            tokStart = pos;
            while (pos < b.length && b[pos] != '\n' && !blank(b[pos])) pos++;
            tokEnd = pos;
        }

        private boolean restOfLineHasToken() {
            int i = pos;
            while (i < b.length && blank(b[i])) i++;
            return i < b.length && b[i] != '\n';
        }

        private void endOfLine(String what) {
            if (restOfLineHasToken()) {
                while (pos < b.length && blank(b[pos])) pos++;
                int s = pos;
                while (pos < b.length && b[pos] != '\n' && !blank(b[pos])) pos++;
                throw err(line, "unexpected '" + new String(b, s, pos - s, StandardCharsets.UTF_8) + "' at the end of the " + what);
            }
            while (pos < b.length && b[pos] != '\n') pos++;
            if (pos < b.length) {
                pos++;
                line++;
            }
        }

        private long integerToken(String what) {
            headerToken(what);
            int i = tokStart;
            boolean neg = false;
            if (b[i] == '-' || b[i] == '+') {
                neg = b[i] == '-';
                i++;
            }
            if (i == tokEnd || tokEnd - i > 12) throw err(line, "bad integer for " + what + ": '" + token() + "'");
            long v = 0;
            for (; i < tokEnd; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) throw err(line, "bad integer for " + what + ": '" + token() + "'");
                v = v * 10 + d;
            }
            return neg ? -v : v;
        }

        private double number(String what) {
            headerToken(what);
            double v = parseToken(what);
            if (!Double.isFinite(v)) throw err(line, what + " is not finite: " + token());
            return v;
        }

        private String token() {
            return new String(b, tokStart, tokEnd - tokStart, StandardCharsets.UTF_8);
        }

        private static final double[] POW10 = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

        /**
         * The current token as a double: [+-]digits[.digits][(e|E)[+-]digits], nothing else. Up to 15
         * significant digits and |exponent| ≤ 22 take the exact path (one correctly rounded
         * multiplication or division of exact operands); anything else goes to Double.parseDouble
         * after the syntax check.
         */
        private double parseToken(String what) {
            int i = tokStart, end = tokEnd;
            boolean neg = false;
            if (b[i] == '-' || b[i] == '+') {
                neg = b[i] == '-';
                i++;
            }
            long m = 0;
            int nd = 0, e10 = 0;
            boolean any = false, fast = true;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                any = true;
                if (m != 0 || b[i] != '0') {
                    if (nd < 18) {
                        m = m * 10 + (b[i] - '0');
                        nd++;
                    } else {
                        fast = false;
                        e10++;
                    }
                }
                i++;
            }
            if (i < end && b[i] == '.') {
                i++;
                while (i < end && b[i] >= '0' && b[i] <= '9') {
                    any = true;
                    if (m != 0 || b[i] != '0') {
                        if (nd < 18) {
                            m = m * 10 + (b[i] - '0');
                            nd++;
                            e10--;
                        } else {
                            fast = false;
                        }
                    } else {
                        e10--;
                    }
                    i++;
                }
            }
            if (!any) throw err(line, "bad number for " + what + ": '" + token() + "'");
            if (i < end && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                boolean eneg = false;
                if (i < end && (b[i] == '-' || b[i] == '+')) {
                    eneg = b[i] == '-';
                    i++;
                }
                int e = 0;
                boolean digits = false;
                while (i < end && b[i] >= '0' && b[i] <= '9') {
                    digits = true;
                    if (e < 100_000) e = e * 10 + (b[i] - '0');
                    i++;
                }
                if (!digits) throw err(line, "bad number for " + what + ": '" + token() + "'");
                e10 += eneg ? -e : e;
            }
            if (i != end) throw err(line, "bad number for " + what + ": '" + token() + "'");
            if (m == 0) return neg ? -0.0 : 0.0;
            if (fast && nd <= 15 && e10 >= -22 && e10 <= 22) {
                double v = e10 >= 0 ? m * POW10[e10] : m / POW10[-e10];
                return neg ? -v : v;
            }
            return Double.parseDouble(token());
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes the cube (lengths in bohr, values in %.5E as Gaussian does, six per line and a line break
     * after each z row), atomically: a temporary file in the same folder renamed into place.
     */
    public void write(Path file) {
        org.equidens.io.AtomicFiles.writeText(file, this::writeTo);
    }

    private void writeTo(Writer w) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append(title).append('\n').append(comment).append('\n');
        boolean multi = datasetIds != null;
        double[] o = grid.origin();
        sb.append(String.format(java.util.Locale.ROOT, "%5d %12.6f %12.6f %12.6f%n", multi ? -atoms() : atoms(), o[0], o[1], o[2]));
        for (int a = 0; a < 3; a++) {
            double[] v = grid.voxel(a);
            sb.append(String.format(java.util.Locale.ROOT, "%5d %12.6f %12.6f %12.6f%n", grid.count(a), v[0], v[1], v[2]));
        }
        for (int i = 0; i < atoms(); i++) {
            sb.append(String.format(java.util.Locale.ROOT, "%5d %12.6f %12.6f %12.6f %12.6f%n", atomicNumbers[i],
                    nuclearCharges[i], positionsBohr[3 * i], positionsBohr[3 * i + 1], positionsBohr[3 * i + 2]));
        }
        if (multi) {
            sb.append(String.format("%5d", datasetIds.length));
            for (int id : datasetIds) sb.append(String.format("%5d", id));
            sb.append('\n');
        }
        String nl = "\n";
        int nz = grid.count(2), rows = grid.count(0) * grid.count(1), ns = sets.size();
        double[][] d = sets.toArray(new double[0][]);
        for (int r = 0; r < rows; r++) {
            int col = 0;
            for (int k = 0; k < nz; k++) {
                int g = r * nz + k;
                for (int s = 0; s < ns; s++) {
                    formatE(d[s][g], sb);
                    if (++col == 6) {
                        sb.append(nl);
                        col = 0;
                    }
                }
            }
            if (col != 0) sb.append(nl);
            if (sb.length() > (1 << 16) - 256) {
                w.append(sb);
                sb.setLength(0);
            }
        }
        w.append(sb);
    }

    /** " d.dddddE±xx" (13 characters for |exponent| < 100): %.5E without String.format's cost. */
    static void formatE(double v, StringBuilder sb) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("cannot write a non-finite value to a cube file");
        if (Math.abs(v) < 1e-300) { // below what %.5E exponents in cube readers expect: write zero
            sb.append("  0.00000E+00");
            return;
        }
        double a = Math.abs(v);
        int e = (int) Math.floor(Math.log10(a));
        long d = Math.round(a * Math.pow(10, 5 - e));
        if (d >= 1_000_000) {
            e++;
            d = Math.round(a * Math.pow(10, 5 - e));
        } else if (d < 100_000) {
            e--;
            d = Math.round(a * Math.pow(10, 5 - e));
        }
        if (d >= 1_000_000) { // a rounding edge (9.999995…): carry into the exponent
            d /= 10;
            e++;
        }
        sb.append(' ');
        if (v < 0) sb.append('-');
        else if (Math.abs(e) < 100) sb.append(' '); // %12.5E pads to 12 characters
        sb.append((char) ('0' + d / 100_000)).append('.');
        long frac = d % 100_000;
        for (long p = 10_000; p >= 1; p /= 10) sb.append((char) ('0' + (frac / p) % 10));
        sb.append('E').append(e < 0 ? '-' : '+');
        int ae = Math.abs(e);
        if (ae < 10) sb.append('0');
        sb.append(ae);
    }
}
