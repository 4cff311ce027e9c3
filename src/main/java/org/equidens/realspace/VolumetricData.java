package org.equidens.realspace;

/**
 * One scalar field sampled on a {@link Grid} (values in cube order), with the grid quadratures that
 * turn it into numbers: ∫n, ∫ r n, planar averages and line profiles. The quadrature is the plain
 * voxel sum Σ n(r_g) ΔV, which for smooth fields on a fine enough grid is spectrally accurate; what
 * it cannot recover is what lies outside the grid (the tails a finite cube margin cuts off).
 */
public record VolumetricData(Grid grid, double[] values) {
    public VolumetricData {
        if (values.length != grid.size()) {
            throw new IllegalArgumentException(values.length + " values for a grid of " + grid.size() + " points");
        }
    }

    /** ∫ n d³r ≈ Σ_g n_g ΔV. */
    public double integral() {
        double s = 0;
        for (double v : values) s += v;
        return s * grid.voxelVolume();
    }

    /** ∫ (r − origin) n d³r, a 3-vector (bohr × value unit × bohr³). */
    public double[] firstMoment(double[] originBohr) {
        int[] n = grid.counts();
        double[] o = grid.origin();
        double[] v = grid.voxelVectors();
        double s0 = 0, si = 0, sj = 0, sk = 0;
        int g = 0;
        for (int i = 0; i < n[0]; i++) {
            for (int j = 0; j < n[1]; j++) {
                double rowSum = 0, rowK = 0;
                for (int k = 0; k < n[2]; k++, g++) {
                    double x = values[g];
                    rowSum += x;
                    rowK += k * x;
                }
                s0 += rowSum;
                si += i * rowSum;
                sj += j * rowSum;
                sk += rowK;
            }
        }
        double dv = grid.voxelVolume();
        double[] m = new double[3];
        for (int c = 0; c < 3; c++) {
            m[c] = dv * ((o[c] - originBohr[c]) * s0 + v[c] * si + v[3 + c] * sj + v[6 + c] * sk);
        }
        return m;
    }

    /**
     * Planar average along voxel axis {@code axis} (0, 1, 2): for each plane of constant index along
     * that axis, the mean value over the plane and its integral per unit length (∫∫ n dA, e.g. e/bohr
     * for a density), at the plane's distance from the coordinate origin along the plane normal. This
     * is the profile used for slabs and interfaces (a field's screening, a double layer).
     */
    public Profile planarAverage(int axis) {
        if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis must be 0, 1 or 2");
        int[] n = grid.counts();
        double[] v = grid.voxelVectors();
        int b = (axis + 1) % 3, c = (axis + 2) % 3;
        double[] normal = cross(v, b, c);
        double len = Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
        for (int q = 0; q < 3; q++) normal[q] /= len;
        double h = Math.abs(v[3 * axis] * normal[0] + v[3 * axis + 1] * normal[1] + v[3 * axis + 2] * normal[2]);
        double sign = v[3 * axis] * normal[0] + v[3 * axis + 1] * normal[1] + v[3 * axis + 2] * normal[2] >= 0 ? 1 : -1;
        double[] o = grid.origin();
        double s0 = o[0] * normal[0] + o[1] * normal[1] + o[2] * normal[2];
        int na = n[axis];
        double[] sum = new double[na];
        int g = 0;
        for (int i = 0; i < n[0]; i++) {
            for (int j = 0; j < n[1]; j++) {
                for (int k = 0; k < n[2]; k++, g++) {
                    int idx = axis == 0 ? i : axis == 1 ? j : k;
                    sum[idx] += values[g];
                }
            }
        }
        int perPlane = grid.size() / na;
        double dv = grid.voxelVolume();
        double[] pos = new double[na], avg = new double[na], lin = new double[na];
        for (int t = 0; t < na; t++) {
            pos[t] = s0 + sign * t * h;
            avg[t] = sum[t] / perPlane;
            lin[t] = sum[t] * dv / h;
        }
        return new Profile("xyz".substring(axis, axis + 1), pos, avg, lin);
    }

    /**
     * Values along the segment from {@code start} to {@code end} (bohr) at {@code samples} evenly
     * spaced points, trilinearly interpolated; NaN where the segment leaves the grid. The
     * "position" of the profile is the distance from {@code start}.
     */
    public Profile lineProfile(double[] start, double[] end, int samples) {
        if (samples < 2) throw new IllegalArgumentException("need at least 2 samples");
        double[] inv = inverse(grid.voxelVectors());
        double[] o = grid.origin();
        int[] n = grid.counts();
        double length = Math.sqrt(sq(end[0] - start[0]) + sq(end[1] - start[1]) + sq(end[2] - start[2]));
        double[] pos = new double[samples], val = new double[samples];
        for (int s = 0; s < samples; s++) {
            double t = s / (double) (samples - 1);
            double[] f = new double[3];
            for (int q = 0; q < 3; q++) {
                double d0 = start[0] + t * (end[0] - start[0]) - o[0];
                double d1 = start[1] + t * (end[1] - start[1]) - o[1];
                double d2 = start[2] + t * (end[2] - start[2]) - o[2];
                f[q] = d0 * inv[q] + d1 * inv[3 + q] + d2 * inv[6 + q]; // (r − o) · M⁻¹
            }
            pos[s] = t * length;
            val[s] = interpolate(f, n);
        }
        return new Profile("line", pos, val, null);
    }

    private double interpolate(double[] f, int[] n) {
        int[] i0 = new int[3];
        double[] w = new double[3];
        for (int q = 0; q < 3; q++) {
            double x = f[q];
            if (x < -1e-9 || x > n[q] - 1 + 1e-9) return Double.NaN;
            x = Math.min(Math.max(x, 0), n[q] - 1);
            int lo = Math.min((int) Math.floor(x), Math.max(n[q] - 2, 0));
            i0[q] = lo;
            w[q] = n[q] == 1 ? 0 : x - lo;
        }
        double s = 0;
        for (int corner = 0; corner < 8; corner++) {
            double wt = 1;
            int[] idx = new int[3];
            for (int q = 0; q < 3; q++) {
                int bit = (corner >> q) & 1;
                if (bit == 1 && n[q] == 1) { wt = 0; break; }
                idx[q] = i0[q] + bit;
                wt *= bit == 1 ? w[q] : 1 - w[q];
            }
            if (wt != 0) s += wt * values[grid.index(idx[0], idx[1], idx[2])];
        }
        return s;
    }

    private static double sq(double x) {
        return x * x;
    }

    private static double[] cross(double[] v, int a, int b) {
        return new double[] {
            v[3 * a + 1] * v[3 * b + 2] - v[3 * a + 2] * v[3 * b + 1],
            v[3 * a + 2] * v[3 * b] - v[3 * a] * v[3 * b + 2],
            v[3 * a] * v[3 * b + 1] - v[3 * a + 1] * v[3 * b]};
    }

    /** Inverse of a 3×3 row-major matrix. */
    static double[] inverse(double[] m) {
        double det = Grid.determinant(m);
        double[] r = new double[9];
        r[0] = (m[4] * m[8] - m[5] * m[7]) / det;
        r[1] = (m[2] * m[7] - m[1] * m[8]) / det;
        r[2] = (m[1] * m[5] - m[2] * m[4]) / det;
        r[3] = (m[5] * m[6] - m[3] * m[8]) / det;
        r[4] = (m[0] * m[8] - m[2] * m[6]) / det;
        r[5] = (m[2] * m[3] - m[0] * m[5]) / det;
        r[6] = (m[3] * m[7] - m[4] * m[6]) / det;
        r[7] = (m[1] * m[6] - m[0] * m[7]) / det;
        r[8] = (m[0] * m[4] - m[1] * m[3]) / det;
        return r;
    }
}
