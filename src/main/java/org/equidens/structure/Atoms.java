package org.equidens.structure;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * One structure, ASE style: chemical symbols, Cartesian positions in Å, an optional cell (lattice
 * vectors as rows, Å) with periodic-boundary flags, per-structure info and per-atom arrays.
 *
 * <p>Positions are stored flat, x0 y0 z0 x1 ..., so hot loops read them without boxing.
 */
public final class Atoms {
    private final String[] symbols;
    private final double[] positions;
    private final double[] cell; // 9 numbers, row-major: a = cell[0..2], b = cell[3..5], c = cell[6..8]; or null
    private final boolean[] pbc;
    private final Map<String, Object> info;
    private final Map<String, Object> arrays;

    /**
     * @param symbols  canonical element symbols
     * @param positions flat Cartesian positions, Å, length 3·n
     * @param cell     lattice vectors as rows (9 numbers, Å) or null for none
     * @param pbc      periodicity along a, b, c (null = all false)
     * @param info     per-structure values (Double, Long, String, Boolean, double[], ...)
     * @param arrays   per-atom arrays beyond species and positions: double[] (n·k values), long[], String[], boolean[]
     */
    public Atoms(String[] symbols, double[] positions, double[] cell, boolean[] pbc,
                 Map<String, Object> info, Map<String, Object> arrays) {
        if (positions.length != 3 * symbols.length) {
            throw new IllegalArgumentException("positions must have 3 values per atom");
        }
        if (cell != null && cell.length != 9) throw new IllegalArgumentException("cell must have 9 values");
        this.symbols = symbols.clone();
        this.positions = positions.clone();
        this.cell = cell == null ? null : cell.clone();
        this.pbc = pbc == null ? new boolean[3] : pbc.clone();
        if (this.pbc.length != 3) throw new IllegalArgumentException("pbc must have 3 flags");
        this.info = info == null ? new LinkedHashMap<>() : new LinkedHashMap<>(info);
        this.arrays = arrays == null ? new LinkedHashMap<>() : new LinkedHashMap<>(arrays);
    }

    /** A molecule: no cell, no periodicity, no extra data. */
    public static Atoms molecule(String[] symbols, double[] positions) {
        return new Atoms(symbols, positions, null, null, null, null);
    }

    public int size() {
        return symbols.length;
    }

    public String symbol(int i) {
        return symbols[i];
    }

    public String[] symbols() {
        return symbols.clone();
    }

    public int atomicNumber(int i) {
        return Elements.atomicNumber(symbols[i]);
    }

    /** The distinct species, sorted by atomic number (featomic's order). */
    public String[] species() {
        TreeSet<Integer> zs = new TreeSet<>();
        for (String s : symbols) zs.add(Elements.atomicNumber(s));
        return zs.stream().map(Elements::symbol).toArray(String[]::new);
    }

    /** Read-only view of the flat positions (Å). Do not modify. */
    public double[] positions() {
        return positions;
    }

    public double x(int i, int axis) {
        return positions[3 * i + axis];
    }

    /** Lattice vectors as rows (copy), or null. */
    public double[] cell() {
        return cell == null ? null : cell.clone();
    }

    public boolean hasCell() {
        return cell != null;
    }

    public boolean[] pbc() {
        return pbc.clone();
    }

    public boolean isPeriodic() {
        return pbc[0] || pbc[1] || pbc[2];
    }

    public Map<String, Object> info() {
        return Collections.unmodifiableMap(info);
    }

    public Map<String, Object> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** A numeric info value (scalar or vector) as double[], or null if absent or not numeric. */
    public double[] infoVector(String key) {
        Object v = info.get(key);
        if (v instanceof double[] d) return d.clone();
        if (v instanceof long[] l) return Arrays.stream(l).asDoubleStream().toArray();
        if (v instanceof Number n) return new double[] {n.doubleValue()};
        return null;
    }

    /** A copy with other positions (same symbols, cell, info and arrays). */
    public Atoms withPositions(double[] newPositions) {
        return new Atoms(symbols, newPositions, cell, pbc, info, arrays);
    }

    /**
     * A copy transformed by the 3×3 matrix {@code r} (row-major; a rotation, or an improper one):
     * positions x → r·x and, if there is a cell, every lattice vector likewise, so a periodic
     * structure stays the same crystal seen from another frame.
     */
    public Atoms transformed(double[] r) {
        if (r.length != 9) throw new IllegalArgumentException("a 3x3 matrix has 9 values");
        double[] q = new double[positions.length];
        for (int i = 0; i < q.length; i += 3) apply(r, positions, i, q);
        double[] c = null;
        if (cell != null) {
            c = new double[9];
            for (int v = 0; v < 9; v += 3) apply(r, cell, v, c);
        }
        return new Atoms(symbols, q, c, pbc, info, arrays);
    }

    /**
     * The na × nb × nc supercell (ASE's {@code repeat}): atoms in the order image-major (c fastest),
     * each image a copy of the cell shifted by i·a + j·b + k·c, lattice vectors scaled. Needs a cell;
     * per-structure info is kept, per-atom arrays other than species and positions are not.
     */
    public Atoms repeated(int na, int nb, int nc) {
        if (cell == null) throw new IllegalArgumentException("a supercell needs a cell");
        if (na < 1 || nb < 1 || nc < 1) throw new IllegalArgumentException("repeats must be >= 1");
        int n = symbols.length, images = Math.multiplyExact(Math.multiplyExact(na, nb), nc);
        String[] s = new String[Math.multiplyExact(n, images)];
        double[] p = new double[3 * s.length];
        int at = 0;
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                for (int k = 0; k < nc; k++)
                    for (int a = 0; a < n; a++, at++) {
                        s[at] = symbols[a];
                        for (int x = 0; x < 3; x++) p[3 * at + x] = positions[3 * a + x] + i * cell[x] + j * cell[3 + x] + k * cell[6 + x];
                    }
        double[] c = cell.clone();
        for (int x = 0; x < 3; x++) {
            c[x] *= na;
            c[3 + x] *= nb;
            c[6 + x] *= nc;
        }
        return new Atoms(s, p, c, pbc, info, null);
    }

    private static void apply(double[] r, double[] x, int at, double[] out) {
        for (int k = 0; k < 3; k++) out[at + k] = r[3 * k] * x[at] + r[3 * k + 1] * x[at + 1] + r[3 * k + 2] * x[at + 2];
    }

    /** A copy with one info value set. */
    public Atoms withInfo(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(info);
        m.put(key, value);
        return new Atoms(symbols, positions, cell, pbc, m, arrays);
    }
}
