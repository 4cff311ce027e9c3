package org.equidens.descriptor;

import java.util.Arrays;
import org.equidens.structure.Atoms;

/**
 * Pairs (i, j, S) with |r_j + S·H − r_i| &lt; rc, for molecules and (partially) periodic triclinic
 * cells, in time linear in the number of atoms (cell lists).
 *
 * <p>Why cell lists in fractional coordinates: binning along each lattice direction with bins whose
 * perpendicular width is ≥ rc confines all neighbours to the adjacent bins, for any cell shape. When
 * a cell is thinner than rc along some direction, the search reaches further bins and wraps around
 * them several times, so the same neighbour j appears once per periodic image within the cutoff
 * (including an atom's own images, i = j with S ≠ 0). Each (i, j, S) appears at most once.
 *
 * <p>Per pair p: centre {@link #first}, neighbour {@link #second}, integer cell shift S
 * ({@link #shift}, in units of the lattice vectors, which are the rows of H), and the distance vector
 * {@link #vector} = r_j + S·H − r_i (neighbour minus centre, featomic's direction), computed from the
 * positions as given (not wrapped). A half list keeps i &lt; j, plus i = j with S lexicographically
 * positive; a full list has both directions.
 */
public final class NeighbourList {
    /** Bins are widened by this relative margin so round-off at bin edges can never drop a pair. */
    private static final double MARGIN = 1e-9;

    private final int atoms;
    private final double cutoff;
    private final boolean full;
    private int count;
    private int[] first;
    private int[] second;
    private int[] shifts;
    private double[] vectors;
    private double[] distances;

    private NeighbourList(int atoms, double cutoff, boolean full) {
        this.atoms = atoms;
        this.cutoff = cutoff;
        this.full = full;
        int capacity = Math.max(16, 32 * atoms);
        first = new int[capacity];
        second = new int[capacity];
        shifts = new int[3 * capacity];
        vectors = new double[3 * capacity];
        distances = new double[capacity];
    }

    /** Neighbour list of a structure, using its cell and periodic flags. */
    public static NeighbourList of(Atoms structure, double cutoff, boolean full) {
        return build(structure.positions(), structure.cell(), structure.pbc(), cutoff, full);
    }

    /**
     * @param positions flat Cartesian positions (3 per atom)
     * @param cell      lattice vectors as rows (9 values) or null; may be all zero if nothing is periodic
     * @param periodic  periodicity along the three lattice vectors, or null for none
     * @param cutoff    rc &gt; 0; pairs with distance &lt; rc are kept
     * @param full      both (i, j, S) and (j, i, −S) if true, else the half list
     */
    public static NeighbourList build(double[] positions, double[] cell, boolean[] periodic, double cutoff, boolean full) {
        if (positions.length % 3 != 0) throw new IllegalArgumentException("positions must have 3 values per atom");
        if (!(cutoff > 0) || Double.isInfinite(cutoff)) throw new IllegalArgumentException("cutoff must be > 0: " + cutoff);
        boolean[] pbc = periodic == null ? new boolean[3] : periodic.clone();
        boolean anyPeriodic = pbc[0] || pbc[1] || pbc[2];
        int n = positions.length / 3;
        double[] h = cell == null ? null : cell.clone();
        if (h != null && h.length != 9) throw new IllegalArgumentException("cell must have 9 values");
        Geometry geometry = null;
        if (h != null && !isZero(h)) geometry = Geometry.of(h);
        if (geometry == null) {
            if (anyPeriodic) throw new IllegalArgumentException("periodic boundaries need a non-degenerate cell");
            geometry = Geometry.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        }
        NeighbourList list = new NeighbourList(n, cutoff, full);
        if (n > 0) list.search(positions, geometry, pbc);
        return list;
    }

    private static boolean isZero(double[] a) {
        for (double x : a) if (x != 0.0) return false;
        return true;
    }

    private void search(double[] positions, Geometry g, boolean[] pbc) {
        int n = atoms;
        double reach = cutoff * (1 + MARGIN);
        // Fractional coordinates; periodic axes are wrapped into [0, 1) and the integer part remembered.
        double[] frac = new double[3 * n];
        int[] image = new int[3 * n];
        double[] lo = new double[3];
        double[] span = new double[3];
        int[] bins = new int[3];
        int[] range = new int[3];
        for (int i = 0; i < n; i++) g.toFractional(positions, 3 * i, frac, 3 * i);
        for (int a = 0; a < 3; a++) {
            if (pbc[a]) {
                for (int i = 0; i < n; i++) {
                    double s = frac[3 * i + a];
                    double k = Math.floor(s);
                    frac[3 * i + a] = s - k;
                    image[3 * i + a] = (int) k;
                }
                lo[a] = 0;
                span[a] = 1;
            } else {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    min = Math.min(min, frac[3 * i + a]);
                    max = Math.max(max, frac[3 * i + a]);
                }
                lo[a] = min;
                span[a] = Math.max(max - min, 0.0);
            }
            // Perpendicular thickness of the binned region along a; bins at least `reach` thick.
            double thickness = span[a] * g.height[a];
            bins[a] = (int) Math.max(1, Math.min(Math.floor(thickness / reach), 1 << 20));
        }
        // Keep the number of bins O(n) for sparse structures (bins only need to be ≥ reach thick).
        long limit = 8L * n + 64;
        while ((long) bins[0] * bins[1] * bins[2] > limit) {
            int a = bins[0] >= bins[1] && bins[0] >= bins[2] ? 0 : (bins[1] >= bins[2] ? 1 : 2);
            bins[a] = Math.max(1, bins[a] / 2);
        }
        for (int a = 0; a < 3; a++) {
            if (pbc[a]) {
                double binThickness = g.height[a] / bins[a];
                range[a] = (int) Math.ceil(reach / binThickness);
            } else {
                range[a] = 1; // bins are ≥ reach thick; nothing outside [lo, lo + span]
            }
        }
        int total = bins[0] * bins[1] * bins[2];
        int[] binOf = new int[n];
        int[] start = new int[total + 1];
        for (int i = 0; i < n; i++) {
            int b = 0;
            for (int a = 0; a < 3; a++) {
                double u = span[a] > 0 ? (frac[3 * i + a] - lo[a]) / span[a] : 0.0;
                int k = (int) Math.floor(u * bins[a]);
                k = Math.max(0, Math.min(bins[a] - 1, k));
                b = b * bins[a] + k;
            }
            binOf[i] = b;
            start[b + 1]++;
        }
        for (int b = 0; b < total; b++) start[b + 1] += start[b];
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(start, total);
        for (int i = 0; i < n; i++) members[fill[binOf[i]]++] = i;

        double rc2 = cutoff * cutoff;
        double[] h = g.cell;
        for (int i = 0; i < n; i++) {
            int b = binOf[i];
            int bi0 = b / (bins[1] * bins[2]);
            int bi1 = (b / bins[2]) % bins[1];
            int bi2 = b % bins[2];
            double xi = positions[3 * i];
            double yi = positions[3 * i + 1];
            double zi = positions[3 * i + 2];
            for (int d0 = -range[0]; d0 <= range[0]; d0++) {
                int c0 = bi0 + d0;
                int q0 = Math.floorDiv(c0, bins[0]);
                if (q0 != 0 && !pbc[0]) continue;
                c0 -= q0 * bins[0];
                for (int d1 = -range[1]; d1 <= range[1]; d1++) {
                    int c1 = bi1 + d1;
                    int q1 = Math.floorDiv(c1, bins[1]);
                    if (q1 != 0 && !pbc[1]) continue;
                    c1 -= q1 * bins[1];
                    for (int d2 = -range[2]; d2 <= range[2]; d2++) {
                        int c2 = bi2 + d2;
                        int q2 = Math.floorDiv(c2, bins[2]);
                        if (q2 != 0 && !pbc[2]) continue;
                        c2 -= q2 * bins[2];
                        int cellIndex = (c0 * bins[1] + c1) * bins[2] + c2;
                        for (int t = start[cellIndex]; t < start[cellIndex + 1]; t++) {
                            int j = members[t];
                            // r_j = wrapped_j + image_j·H; the wrapped image found is wrapped_j + q·H relative to wrapped_i
                            int s0 = q0 - image[3 * j] + image[3 * i];
                            int s1 = q1 - image[3 * j + 1] + image[3 * i + 1];
                            int s2 = q2 - image[3 * j + 2] + image[3 * i + 2];
                            if (i == j && s0 == 0 && s1 == 0 && s2 == 0) continue;
                            if (!full && !keepInHalfList(i, j, s0, s1, s2)) continue;
                            double x = positions[3 * j] + s0 * h[0] + s1 * h[3] + s2 * h[6] - xi;
                            double y = positions[3 * j + 1] + s0 * h[1] + s1 * h[4] + s2 * h[7] - yi;
                            double z = positions[3 * j + 2] + s0 * h[2] + s1 * h[5] + s2 * h[8] - zi;
                            double r2 = x * x + y * y + z * z;
                            if (r2 < rc2) add(i, j, s0, s1, s2, x, y, z, Math.sqrt(r2));
                        }
                    }
                }
            }
        }
    }

    private static boolean keepInHalfList(int i, int j, int s0, int s1, int s2) {
        if (i != j) return i < j;
        if (s0 != 0) return s0 > 0;
        if (s1 != 0) return s1 > 0;
        return s2 > 0;
    }

    private void add(int i, int j, int s0, int s1, int s2, double x, double y, double z, double r) {
        if (count == first.length) {
            int capacity = 2 * count;
            first = Arrays.copyOf(first, capacity);
            second = Arrays.copyOf(second, capacity);
            shifts = Arrays.copyOf(shifts, 3 * capacity);
            vectors = Arrays.copyOf(vectors, 3 * capacity);
            distances = Arrays.copyOf(distances, capacity);
        }
        first[count] = i;
        second[count] = j;
        shifts[3 * count] = s0;
        shifts[3 * count + 1] = s1;
        shifts[3 * count + 2] = s2;
        vectors[3 * count] = x;
        vectors[3 * count + 1] = y;
        vectors[3 * count + 2] = z;
        distances[count] = r;
        count++;
    }

    /** Number of pairs. */
    public int size() {
        return count;
    }

    public int atoms() {
        return atoms;
    }

    public double cutoff() {
        return cutoff;
    }

    public boolean isFull() {
        return full;
    }

    /** Centre atom i of pair p. */
    public int first(int p) {
        return first[p];
    }

    /** Neighbour atom j of pair p. */
    public int second(int p) {
        return second[p];
    }

    /** Integer cell shift of pair p along lattice vector {@code axis}. */
    public int shift(int p, int axis) {
        return shifts[3 * p + axis];
    }

    /** Component {@code axis} of r_j + S·H − r_i for pair p. */
    public double vector(int p, int axis) {
        return vectors[3 * p + axis];
    }

    /** |r_j + S·H − r_i| for pair p. */
    public double distance(int p) {
        return distances[p];
    }

    /** The minimal cell geometry the search needs: inverse and plane spacings. */
    private static final class Geometry {
        final double[] cell;
        final double[] inverse;
        final double[] height; // distance between lattice planes spanned by the other two vectors

        private Geometry(double[] cell, double[] inverse, double[] height) {
            this.cell = cell;
            this.inverse = inverse;
            this.height = height;
        }

        static Geometry of(double[] h) {
            double[] a = {h[0], h[1], h[2]};
            double[] b = {h[3], h[4], h[5]};
            double[] c = {h[6], h[7], h[8]};
            double[] bc = cross(b, c);
            double[] ca = cross(c, a);
            double[] ab = cross(a, b);
            double volume = a[0] * bc[0] + a[1] * bc[1] + a[2] * bc[2];
            double scale = norm(a) * norm(b) * norm(c);
            if (!(Math.abs(volume) > 1e-12 * scale) || !Double.isFinite(volume)) {
                throw new IllegalArgumentException("cell is degenerate (volume " + volume + ")");
            }
            // Rows of H^{-1}ᵀ are the reciprocal vectors: H^{-1} columns = (b×c, c×a, a×b)/V.
            double[] inv = new double[9];
            for (int k = 0; k < 3; k++) {
                inv[3 * k] = bc[k] / volume;
                inv[3 * k + 1] = ca[k] / volume;
                inv[3 * k + 2] = ab[k] / volume;
            }
            double v = Math.abs(volume);
            return new Geometry(h, inv, new double[] {v / norm(bc), v / norm(ca), v / norm(ab)});
        }

        /** s = r·H^(−1) for the row vector r. */
        void toFractional(double[] r, int offset, double[] out, int outOffset) {
            double x = r[offset];
            double y = r[offset + 1];
            double z = r[offset + 2];
            for (int a = 0; a < 3; a++) out[outOffset + a] = x * inverse[a] + y * inverse[3 + a] + z * inverse[6 + a];
        }

        private static double[] cross(double[] u, double[] v) {
            return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        }

        private static double norm(double[] u) {
            return Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        }
    }
}
