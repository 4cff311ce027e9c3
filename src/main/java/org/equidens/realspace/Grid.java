package org.equidens.realspace;

import java.util.Arrays;

/**
 * A regular grid of points r(i, j, k) = origin + i·v0 + j·v1 + k·v2 (bohr), the geometry of a Gaussian
 * cube file. The voxel vectors need not be orthogonal (cells of any shape). Points are numbered in
 * cube order, x outer and z inner: index = (i·n1 + j)·n2 + k.
 *
 * <p>Everything is in bohr because the cube format, the basis functions and all integrals are.
 */
public final class Grid {
    private final double[] origin;
    private final double[] voxels; // row a = voxel vector a
    private final int[] counts;

    /**
     * @param originBohr   the first point (3 values)
     * @param voxelVectors the three voxel vectors as rows, 9 values, bohr
     * @param counts       points along each voxel vector, each ≥ 1
     */
    public Grid(double[] originBohr, double[] voxelVectors, int[] counts) {
        if (originBohr.length != 3 || voxelVectors.length != 9 || counts.length != 3) {
            throw new IllegalArgumentException("need 3 origin values, 9 voxel-vector values and 3 counts");
        }
        long total = 1;
        for (int c : counts) {
            if (c < 1) throw new IllegalArgumentException("grid counts must be positive: " + Arrays.toString(counts));
            total *= c;
        }
        if (total > Integer.MAX_VALUE / 3) throw new IllegalArgumentException("grid too large: " + total + " points");
        for (double v : originBohr) if (!Double.isFinite(v)) throw new IllegalArgumentException("origin not finite");
        for (double v : voxelVectors) if (!Double.isFinite(v)) throw new IllegalArgumentException("voxel not finite");
        this.origin = originBohr.clone();
        this.voxels = voxelVectors.clone();
        this.counts = counts.clone();
        if (!(Math.abs(determinant(voxels)) > 0)) throw new IllegalArgumentException("voxel vectors are linearly dependent");
    }

    /** Points along one voxel axis. */
    public int count(int axis) {
        return counts[axis];
    }

    public int[] counts() {
        return counts.clone();
    }

    /** Number of points n0·n1·n2. */
    public int size() {
        return counts[0] * counts[1] * counts[2];
    }

    public double[] origin() {
        return origin.clone();
    }

    /** Voxel vector a (bohr, a copy). */
    public double[] voxel(int axis) {
        return Arrays.copyOfRange(voxels, 3 * axis, 3 * axis + 3);
    }

    /** The three voxel vectors as rows (9 values, a copy). */
    public double[] voxelVectors() {
        return voxels.clone();
    }

    /** Volume of one voxel, the quadrature weight ΔV of every point (bohr³). */
    public double voxelVolume() {
        return Math.abs(determinant(voxels));
    }

    public int index(int i, int j, int k) {
        return (i * counts[1] + j) * counts[2] + k;
    }

    /** Position of point (i, j, k), written to out[off..off+3). */
    public void point(int i, int j, int k, double[] out, int off) {
        for (int c = 0; c < 3; c++) out[off + c] = origin[c] + i * voxels[c] + j * voxels[3 + c] + k * voxels[6 + c];
    }

    /** Position of the point with cube-order index {@code index}. */
    public double[] point(int index) {
        int n12 = counts[1] * counts[2];
        int i = index / n12, j = (index / counts[2]) % counts[1], k = index % counts[2];
        double[] r = new double[3];
        point(i, j, k, r, 0);
        return r;
    }

    /** Positions of points [from, from+n) in cube order, flat into out (3n values). */
    public void points(int from, int n, double[] out) {
        int n12 = counts[1] * counts[2];
        for (int p = 0; p < n; p++) {
            int idx = from + p;
            point(idx / n12, (idx / counts[2]) % counts[1], idx % counts[2], out, 3 * p);
        }
    }

    /** All point positions, flat (3·size() values). */
    public double[] allPoints() {
        double[] out = new double[3 * size()];
        points(0, size(), out);
        return out;
    }

    /** Same origin, voxels and counts within {@code tol} bohr. */
    public boolean sameAs(Grid o, double tol) {
        if (!Arrays.equals(counts, o.counts)) return false;
        for (int c = 0; c < 3; c++) if (Math.abs(origin[c] - o.origin[c]) > tol) return false;
        for (int c = 0; c < 9; c++) if (Math.abs(voxels[c] - o.voxels[c]) > tol) return false;
        return true;
    }

    /**
     * An axis-aligned grid of spacing {@code spacing} enclosing the points (bohr, flat) with at least
     * {@code margin} on every side, centred on their bounding box (how quantum-chemistry codes lay
     * out molecular cube files).
     */
    public static Grid enclosing(double[] pointsBohr, double spacing, double margin) {
        if (!(spacing > 0) || !(margin >= 0)) throw new IllegalArgumentException("spacing must be > 0 and margin ≥ 0");
        int n = pointsBohr.length / 3;
        if (n == 0) throw new IllegalArgumentException("no points to enclose");
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < 3; c++) {
                lo[c] = Math.min(lo[c], pointsBohr[3 * p + c]);
                hi[c] = Math.max(hi[c], pointsBohr[3 * p + c]);
            }
        }
        double[] o = new double[3];
        int[] cnt = new int[3];
        double[] vox = new double[9];
        for (int c = 0; c < 3; c++) {
            double len = hi[c] - lo[c] + 2 * margin;
            int intervals = (int) Math.ceil(len / spacing - 1e-9);
            cnt[c] = intervals + 1;
            o[c] = 0.5 * (lo[c] + hi[c]) - 0.5 * intervals * spacing;
            vox[4 * c] = spacing;
        }
        return new Grid(o, vox, cnt);
    }

    /**
     * The grid of a periodic cell (lattice vectors as rows, bohr): origin 0, n_a = ceil(|a|/spacing)
     * points along a, voxel a/n_a, so the points tile the cell exactly once (the periodic convention
     * of plane-wave codes: the far face is the image of the origin face and is not repeated).
     */
    public static Grid ofCell(double[] cellRowsBohr, double spacing) {
        if (!(spacing > 0)) throw new IllegalArgumentException("spacing must be > 0");
        int[] cnt = new int[3];
        double[] vox = new double[9];
        for (int a = 0; a < 3; a++) {
            double len = Math.sqrt(cellRowsBohr[3 * a] * cellRowsBohr[3 * a] + cellRowsBohr[3 * a + 1] * cellRowsBohr[3 * a + 1]
                    + cellRowsBohr[3 * a + 2] * cellRowsBohr[3 * a + 2]);
            cnt[a] = Math.max(1, (int) Math.ceil(len / spacing - 1e-9));
            for (int c = 0; c < 3; c++) vox[3 * a + c] = cellRowsBohr[3 * a + c] / cnt[a];
        }
        return new Grid(new double[3], vox, cnt);
    }

    static double determinant(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    @Override
    public String toString() {
        return "Grid" + Arrays.toString(counts) + " origin " + Arrays.toString(origin) + " voxels " + Arrays.toString(voxels);
    }
}
