package org.equidens.realspace;

import org.equidens.util.Progress;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Integrals;
import org.equidens.basis.SolidHarmonics;
import org.equidens.basis.Units;
import org.equidens.linalg.Blas;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;

/**
 * The auxiliary basis functions of one structure as functions of space, for grids and point sets:
 * values φ_f(r), fields Σ_f c_f φ_f(r), projections Σ_g φ_f(r_g) n(r_g) ΔV. For a periodic cell every
 * function is the lattice sum Σ_T φ_f(r − T) over the translations within its range.
 *
 * <p>Why a class of its own rather than {@link BasisFunctions#evaluate}: on a 10⁶-point grid the cost is
 * the exponentials and angular factors, and most of them are negligible. Here points are processed in
 * small chunks (bricks of the grid); for each chunk only the atom images within range and, per image,
 * only the shells whose range (radius beyond which |φ| &lt; tolerance, from each shell's exponents)
 * reaches the chunk are evaluated. Shells are kept sorted by decreasing range so that the active shells
 * of an image are a prefix. The angular factors S_lm are computed once per point and atom image and
 * shared by all shells of that l. The sum over functions is one BLAS gemv/gemm per chunk.
 *
 * <p>Values agree with {@link BasisFunctions#evaluate} (same normalisation, internal m order) to the
 * screening tolerance.
 */
public final class RealSpaceBasis {
    /** Default screening tolerance: functions below it (unit-normalised, bohr^-3/2) are dropped. */
    public static final double DEFAULT_TOLERANCE = 1e-12;

    private static final int BI = 4, BJ = 4, BK = 8; // grid brick
    private static final int CHUNK = BI * BJ * BK; // also the chunk size for point lists

    private final BasisFunctions bf;
    private final int size;
    private final int natoms;
    private final double[] centres; // bohr
    private final double[] cell; // rows, bohr, or null
    private final boolean[] pbc;
    private final double[] cellInverse; // (M⁻¹) for fractional coordinates, or null
    private final double tolerance;
    // shells in per-atom order of decreasing range
    private final int[] atomShellStart; // natoms + 1, into the arrays below
    private final int[] shL, shOff, shPrimStart; // per sorted shell; shPrimStart has one extra entry
    private final double[] shRange2;
    private final double[] primExp, primCoef;
    private final double[] atomRange;
    private final int[] atomMaxL;
    private final int maxL;
    // sparse solid-harmonic tables per l: term t of l lies in [termStart[l], termStart[l+1])
    private final int[] termStart, termM, termI, termJ, termK;
    private final double[] termC;

    private RealSpaceBasis(BasisFunctions bf, double[] cellRowsBohr, boolean[] pbc, double tolerance) {
        if (!(tolerance > 0 && tolerance < 1)) throw new IllegalArgumentException("tolerance must be in (0, 1)");
        this.bf = bf;
        this.size = bf.size();
        this.natoms = bf.atoms();
        this.tolerance = tolerance;
        centres = new double[3 * natoms];
        for (int a = 0; a < natoms; a++) System.arraycopy(bf.centre(a), 0, centres, 3 * a, 3);
        boolean periodic = cellRowsBohr != null && pbc != null && (pbc[0] || pbc[1] || pbc[2]);
        this.cell = periodic ? cellRowsBohr.clone() : null;
        this.pbc = periodic ? pbc.clone() : new boolean[3];
        this.cellInverse = periodic ? VolumetricData.inverse(cell) : null;

        int ns = bf.shells();
        double[] range = new double[ns];
        int nprim = 0;
        for (int s = 0; s < ns; s++) {
            range[s] = shellRange(bf.shellL(s), bf.shellExponents(s), bf.shellCoefficients(s), tolerance);
            nprim += bf.shellExponents(s).length;
        }
        atomShellStart = new int[natoms + 1];
        shL = new int[ns];
        shOff = new int[ns];
        shPrimStart = new int[ns + 1];
        shRange2 = new double[ns];
        primExp = new double[nprim];
        primCoef = new double[nprim];
        atomRange = new double[natoms];
        atomMaxL = new int[natoms];
        Integer[] order = new Integer[ns];
        for (int s = 0; s < ns; s++) order[s] = s;
        // by atom, then by decreasing range
        Arrays.sort(order, (x, y) -> bf.shellAtom(x) != bf.shellAtom(y)
                ? Integer.compare(bf.shellAtom(x), bf.shellAtom(y)) : Double.compare(range[y], range[x]));
        int p = 0, lmax = 0;
        for (int t = 0; t < ns; t++) {
            int s = order[t];
            int a = bf.shellAtom(s);
            atomShellStart[a + 1] = t + 1;
            shL[t] = bf.shellL(s);
            shOff[t] = bf.shellOffset(s);
            shRange2[t] = range[s] * range[s];
            atomRange[a] = Math.max(atomRange[a], range[s]);
            atomMaxL[a] = Math.max(atomMaxL[a], shL[t]);
            lmax = Math.max(lmax, shL[t]);
            shPrimStart[t] = p;
            double[] e = bf.shellExponents(s), d = bf.shellCoefficients(s);
            System.arraycopy(e, 0, primExp, p, e.length);
            System.arraycopy(d, 0, primCoef, p, d.length);
            p += e.length;
        }
        shPrimStart[ns] = p;
        for (int a = 1; a <= natoms; a++) atomShellStart[a] = Math.max(atomShellStart[a], atomShellStart[a - 1]);
        maxL = lmax;
        termStart = new int[maxL + 2];
        int nt = 0;
        for (int l = 0; l <= maxL; l++) {
            for (double c : SolidHarmonics.coefficients(l)) if (c != 0) nt++;
        }
        termM = new int[nt];
        termI = new int[nt];
        termJ = new int[nt];
        termK = new int[nt];
        termC = new double[nt];
        int t = 0;
        for (int l = 0; l <= maxL; l++) {
            termStart[l] = t;
            double[] c = SolidHarmonics.coefficients(l);
            int[] pw = SolidHarmonics.powers(l);
            int nc = SolidHarmonics.ncart(l);
            for (int m = 0; m < 2 * l + 1; m++) {
                for (int q = 0; q < nc; q++) {
                    double v = c[m * nc + q];
                    if (v == 0) continue;
                    termM[t] = m;
                    termI[t] = pw[3 * q];
                    termJ[t] = pw[3 * q + 1];
                    termK[t] = pw[3 * q + 2];
                    termC[t] = v;
                    t++;
                }
            }
        }
        termStart[maxL + 1] = t;
    }

    /** The functions of an isolated molecule. */
    public static RealSpaceBasis molecule(BasisFunctions bf) {
        return new RealSpaceBasis(bf, null, null, DEFAULT_TOLERANCE);
    }

    /**
     * The functions of a periodic structure: lattice vectors as rows (bohr), periodic along the axes
     * flagged in {@code pbc} (a slab has one false flag).
     */
    public static RealSpaceBasis periodic(BasisFunctions bf, double[] cellRowsBohr, boolean[] pbc) {
        return new RealSpaceBasis(bf, cellRowsBohr, pbc, DEFAULT_TOLERANCE);
    }

    /** Molecule or periodic as the structure says (its cell is in Å and converted). */
    public static RealSpaceBasis of(BasisFunctions bf, Atoms atoms) {
        if (!atoms.isPeriodic()) return molecule(bf);
        double[] c = atoms.cell().clone();
        for (int i = 0; i < 9; i++) c[i] = Units.angstromToBohr(c[i]);
        return periodic(bf, c, atoms.pbc());
    }

    /** The same functions with another screening tolerance (smaller: more accurate, slower). */
    public RealSpaceBasis withTolerance(double tol) {
        return new RealSpaceBasis(bf, cell, cell == null ? null : pbc, tol);
    }

    public int size() {
        return size;
    }

    public BasisFunctions functions() {
        return bf;
    }

    public boolean isPeriodic() {
        return cell != null;
    }

    /** Lattice vectors as rows (bohr, a copy), or null for a molecule. */
    public double[] cell() {
        return cell == null ? null : cell.clone();
    }

    public boolean[] pbc() {
        return pbc.clone();
    }

    /** The largest function range (bohr) at the screening tolerance: the reach of the most diffuse shell. */
    public double maxRange() {
        double r = 0;
        for (double x : atomRange) r = Math.max(r, x);
        return r;
    }

    /**
     * Radius beyond which Σ_i |d_i| r^l exp(−a_i r²) stays below tol: the outer root for each
     * primitive (with tol shared among them), the largest one.
     */
    static double shellRange(int l, double[] exps, double[] coefs, double tol) {
        double lnTol = Math.log(tol / exps.length);
        double r = 0;
        for (int i = 0; i < exps.length; i++) {
            double a = exps[i], lnd = Math.log(Math.abs(coefs[i]));
            if (coefs[i] == 0) continue;
            double rStar = l == 0 ? 0 : Math.sqrt(l / (2 * a));
            double fStar = lnd + (l == 0 ? 0 : l * Math.log(rStar)) - a * rStar * rStar;
            if (fStar < lnTol) continue;
            double lo = rStar, hi = Math.max(2 * rStar, 1.0);
            while (lnd + l * Math.log(hi) - a * hi * hi >= lnTol) hi *= 2;
            for (int it = 0; it < 60; it++) {
                double mid = 0.5 * (lo + hi);
                if (lnd + (l == 0 ? 0 : l * Math.log(mid)) - a * mid * mid >= lnTol) lo = mid;
                else hi = mid;
            }
            r = Math.max(r, hi);
        }
        return r;
    }

    // ------------------------------------------------------------------ images

    /** Atom images (atom index and centre) that can reach points within {@code delta} bohr of the home cell. */
    private static final class Images {
        int n;
        int[] atom;
        double[] centre; // 3 per image
    }

    private Images images(double delta) {
        Images im = new Images();
        if (cell == null) {
            im.n = natoms;
            im.atom = new int[natoms];
            for (int a = 0; a < natoms; a++) im.atom[a] = a;
            im.centre = centres.clone();
            return im;
        }
        double[] heights = heights();
        int cap = 64;
        im.atom = new int[cap];
        im.centre = new double[3 * cap];
        double[] f = new double[3];
        for (int a = 0; a < natoms; a++) {
            fractional(centres, 3 * a, f);
            int[] lo = new int[3], hi = new int[3];
            for (int i = 0; i < 3; i++) {
                if (!pbc[i]) continue;
                double reach = (atomRange[a] + delta) / heights[i];
                lo[i] = (int) Math.floor(-f[i] - reach) - 1;
                hi[i] = (int) Math.ceil(1 - f[i] + reach) + 1;
            }
            for (int n0 = lo[0]; n0 <= hi[0]; n0++) {
                for (int n1 = lo[1]; n1 <= hi[1]; n1++) {
                    for (int n2 = lo[2]; n2 <= hi[2]; n2++) {
                        // keep only images whose fractional distance from the home cell is within reach
                        boolean keep = true;
                        int[] nn = {n0, n1, n2};
                        for (int i = 0; i < 3 && keep; i++) {
                            if (!pbc[i]) continue;
                            double fi = f[i] + nn[i];
                            double out = fi < 0 ? -fi : fi > 1 ? fi - 1 : 0;
                            keep = out * heights[i] <= atomRange[a] + delta;
                        }
                        if (!keep) continue;
                        if (im.n == cap) {
                            cap *= 2;
                            im.atom = Arrays.copyOf(im.atom, cap);
                            im.centre = Arrays.copyOf(im.centre, 3 * cap);
                        }
                        im.atom[im.n] = a;
                        for (int c = 0; c < 3; c++) {
                            im.centre[3 * im.n + c] = centres[3 * a + c] + n0 * cell[c] + n1 * cell[3 + c] + n2 * cell[6 + c];
                        }
                        im.n++;
                    }
                }
            }
        }
        return im;
    }

    /** Distance between neighbouring lattice planes along each axis. */
    private double[] heights() {
        double[] h = new double[3];
        double vol = Math.abs(Grid.determinant(cell));
        for (int i = 0; i < 3; i++) {
            int b = (i + 1) % 3, c = (i + 2) % 3;
            double x = cell[3 * b + 1] * cell[3 * c + 2] - cell[3 * b + 2] * cell[3 * c + 1];
            double y = cell[3 * b + 2] * cell[3 * c] - cell[3 * b] * cell[3 * c + 2];
            double z = cell[3 * b] * cell[3 * c + 1] - cell[3 * b + 1] * cell[3 * c];
            h[i] = vol / Math.sqrt(x * x + y * y + z * z);
        }
        return h;
    }

    private void fractional(double[] r, int off, double[] f) {
        for (int q = 0; q < 3; q++) {
            f[q] = r[off] * cellInverse[q] + r[off + 1] * cellInverse[3 + q] + r[off + 2] * cellInverse[6 + q];
        }
    }

    /** Lattice shift that brings r into the home cell along the periodic axes (r + shift). */
    private void homeShift(double x, double y, double z, double[] shift) {
        double[] f = new double[3];
        fractional(new double[] {x, y, z}, 0, f);
        shift[0] = shift[1] = shift[2] = 0;
        for (int i = 0; i < 3; i++) {
            if (!pbc[i]) continue;
            double n = -Math.floor(f[i]);
            for (int c = 0; c < 3; c++) shift[c] += n * cell[3 * i + c];
        }
    }

    // ------------------------------------------------------------------ the kernel

    /** Per-thread work space. */
    private final class Scratch {
        final double[] vals = new double[CHUNK * size];
        final double[] pts = new double[3 * CHUNK];
        final int[] idx = new int[CHUNK];
        final double[] tmp = new double[CHUNK * 8];
        int[] actImage = new int[64];
        int[] actShells = new int[64];
        final double[] xp = new double[maxL + 1], yp = new double[maxL + 1], zp = new double[maxL + 1];
        final double[] harm = new double[(maxL + 1) * (maxL + 1)];
        final double[] shift = new double[3];
        double[] big;
    }

    /**
     * Fills s.vals[p·size + f] = φ_f(pts_p) (periodic sum) for the nb points in s.pts, which all lie
     * within {@code radius} of {@code (cx, cy, cz)}.
     */
    private void fill(Scratch s, Images im, int nb, double cx, double cy, double cz, double radius) {
        Arrays.fill(s.vals, 0, nb * size, 0.0);
        int nact = 0;
        for (int i = 0; i < im.n; i++) {
            int a = im.atom[i];
            double dx = im.centre[3 * i] - cx, dy = im.centre[3 * i + 1] - cy, dz = im.centre[3 * i + 2] - cz;
            double d = Math.sqrt(dx * dx + dy * dy + dz * dz) - radius;
            if (d > atomRange[a]) continue;
            int t0 = atomShellStart[a], t1 = atomShellStart[a + 1];
            int t = t0;
            double d2 = d > 0 ? d * d : 0;
            while (t < t1 && shRange2[t] >= d2) t++;
            if (t == t0) continue;
            if (nact == s.actImage.length) {
                s.actImage = Arrays.copyOf(s.actImage, 2 * nact);
                s.actShells = Arrays.copyOf(s.actShells, 2 * nact);
            }
            s.actImage[nact] = i;
            s.actShells[nact] = t;
            nact++;
        }
        final double[] vals = s.vals, xp = s.xp, yp = s.yp, zp = s.zp, harm = s.harm;
        for (int q = 0; q < nact; q++) {
            int i = s.actImage[q];
            int a = im.atom[i];
            double ax = im.centre[3 * i], ay = im.centre[3 * i + 1], az = im.centre[3 * i + 2];
            int t0 = atomShellStart[a], t1 = s.actShells[q];
            double range2 = shRange2[t0];
            int lm = atomMaxL[a];
            for (int p = 0; p < nb; p++) {
                double x = s.pts[3 * p] - ax, y = s.pts[3 * p + 1] - ay, z = s.pts[3 * p + 2] - az;
                double r2 = x * x + y * y + z * z;
                if (r2 > range2) continue;
                xp[0] = yp[0] = zp[0] = 1;
                for (int k = 1; k <= lm; k++) {
                    xp[k] = xp[k - 1] * x;
                    yp[k] = yp[k - 1] * y;
                    zp[k] = zp[k - 1] * z;
                }
                int done = -1; // harmonics computed for l ≤ done
                int base = p * size;
                for (int t = t0; t < t1; t++) {
                    if (shRange2[t] < r2) break;
                    double radial = 0;
                    for (int u = shPrimStart[t]; u < shPrimStart[t + 1]; u++) radial += primCoef[u] * Math.exp(-primExp[u] * r2);
                    int l = shL[t];
                    if (l > done) {
                        for (int ll = done + 1; ll <= l; ll++) {
                            int hb = ll * ll;
                            for (int m = 0; m < 2 * ll + 1; m++) harm[hb + m] = 0;
                            for (int u = termStart[ll]; u < termStart[ll + 1]; u++) {
                                harm[hb + termM[u]] += termC[u] * xp[termI[u]] * yp[termJ[u]] * zp[termK[u]];
                            }
                        }
                        done = l;
                    }
                    int o = base + shOff[t], hb = l * l;
                    for (int m = 0; m < 2 * l + 1; m++) vals[o + m] += radial * harm[hb + m];
                }
            }
        }
    }

    /** Fills s.pts with the points of brick b (grid indices) and s.idx with their grid indices; returns the count. */
    private int brickPoints(Grid g, int b, Scratch s, double[] sphere) {
        int n0 = g.count(0), n1 = g.count(1), n2 = g.count(2);
        int bj = (n1 + BJ - 1) / BJ, bk = (n2 + BK - 1) / BK;
        int i0 = (b / (bj * bk)) * BI, j0 = ((b / bk) % bj) * BJ, k0 = (b % bk) * BK;
        int i1 = Math.min(i0 + BI, n0), j1 = Math.min(j0 + BJ, n1), k1 = Math.min(k0 + BK, n2);
        double[] o = g.origin(), v = g.voxelVectors();
        int nb = 0;
        for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
                for (int k = k0; k < k1; k++) {
                    for (int c = 0; c < 3; c++) s.pts[3 * nb + c] = o[c] + i * v[c] + j * v[3 + c] + k * v[6 + c];
                    s.idx[nb++] = (i * n1 + j) * n2 + k;
                }
            }
        }
        boundingSphere(s.pts, nb, sphere);
        if (cell != null) { // move the brick into the home cell: the field is periodic
            homeShift(sphere[0], sphere[1], sphere[2], s.shift);
            for (int p = 0; p < nb; p++) for (int c = 0; c < 3; c++) s.pts[3 * p + c] += s.shift[c];
            for (int c = 0; c < 3; c++) sphere[c] += s.shift[c];
        }
        return nb;
    }

    private static void boundingSphere(double[] pts, int nb, double[] sphere) {
        double cx = 0, cy = 0, cz = 0;
        for (int p = 0; p < nb; p++) {
            cx += pts[3 * p];
            cy += pts[3 * p + 1];
            cz += pts[3 * p + 2];
        }
        cx /= nb;
        cy /= nb;
        cz /= nb;
        double r2 = 0;
        for (int p = 0; p < nb; p++) {
            double dx = pts[3 * p] - cx, dy = pts[3 * p + 1] - cy, dz = pts[3 * p + 2] - cz;
            r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
        }
        sphere[0] = cx;
        sphere[1] = cy;
        sphere[2] = cz;
        sphere[3] = Math.sqrt(r2);
    }

    private static int bricks(Grid g) {
        return ((g.count(0) + BI - 1) / BI) * ((g.count(1) + BJ - 1) / BJ) * ((g.count(2) + BK - 1) / BK);
    }

    private double brickRadiusBound(Grid g) {
        double[] v = g.voxelVectors();
        double r = 0;
        int[] b = {BI, BJ, BK};
        for (int a = 0; a < 3; a++) r += (b[a] - 1) * Math.sqrt(v[3 * a] * v[3 * a] + v[3 * a + 1] * v[3 * a + 1] + v[3 * a + 2] * v[3 * a + 2]);
        return r;
    }

    private interface ChunkWork<T> {
        /** Processes one chunk whose values are in s.vals (nb rows); acc is the task's accumulator. */
        void accept(Scratch s, int nb, T acc);
    }

    private interface Accumulator<T> {
        T create();

        void merge(T into, T from);
    }

    /**
     * Runs work over all bricks of a grid in parallel tasks, each with its own scratch and accumulator;
     * each brick's values stay in cache for the BLAS call that consumes them.
     */
    private <T> T overGrid(Grid g, ChunkWork<T> work, Accumulator<T> accumulator) {
        int nbricks = bricks(g);
        Images im = images(brickRadiusBound(g));
        int tasks = Math.max(1, Math.min(nbricks, Threads.count() * 16));
        try (Progress.Task bar = Progress.task("grid (" + g.size() + " points)", nbricks)) {
            return overGrid(g, work, accumulator, nbricks, im, tasks, bar);
        }
    }

    private <T> T overGrid(Grid g, ChunkWork<T> work, Accumulator<T> accumulator, int nbricks, Images im, int tasks, Progress.Task bar) {
        // BLAS runs on small blocks inside the Java-parallel tasks: keep OpenBLAS itself single-threaded
        return Blas.singleThreaded(() -> Threads.pool().submit(() -> IntStream.range(0, tasks).parallel().mapToObj(task -> {
            Scratch s = new Scratch();
            T acc = accumulator.create();
            double[] sphere = new double[4];
            int from = (int) ((long) nbricks * task / tasks), to = (int) ((long) nbricks * (task + 1) / tasks);
            for (int b = from; b < to; b++) {
                int nb = brickPoints(g, b, s, sphere);
                fill(s, im, nb, sphere[0], sphere[1], sphere[2], sphere[3]);
                work.accept(s, nb, acc);
                bar.step();
            }
            return acc;
        }).reduce((x, y) -> {
            accumulator.merge(x, y);
            return x;
        }).orElseThrow()).join());
    }

    private static final Accumulator<Object> NONE = new Accumulator<>() {
        @Override
        public Object create() {
            return Boolean.TRUE;
        }

        @Override
        public void merge(Object into, Object from) {}
    };

    // ------------------------------------------------------------------ public operations

    /** Σ_f c_f φ_f on every grid point (cube order). */
    public double[] evaluate(double[] coefficients, Grid grid) {
        return evaluate(new double[][] {coefficients}, grid)[0];
    }

    /** Several coefficient vectors on the same grid at once (one gemm per chunk). */
    public double[][] evaluate(double[][] coefficients, Grid grid) {
        int nv = coefficients.length;
        double[] c = new double[nv * size];
        for (int v = 0; v < nv; v++) {
            if (coefficients[v].length != size) throw new IllegalArgumentException("need " + size + " coefficients");
            System.arraycopy(coefficients[v], 0, c, v * size, size);
        }
        double[][] out = new double[nv][grid.size()];
        overGrid(grid, (s, nb, acc) -> {
            if (nv == 1) Blas.gemv(false, nb, size, 1.0, s.vals, c, 0.0, s.tmp);
            else Blas.gemm(false, true, nb, nv, size, 1.0, s.vals, c, 0.0, tmpFor(s, nb * nv));
            double[] r = nv == 1 ? s.tmp : s.big;
            for (int p = 0; p < nb; p++) for (int v = 0; v < nv; v++) out[v][s.idx[p]] = r[p * nv + v];
        }, NONE);
        return out;
    }

    private static double[] tmpFor(Scratch s, int n) {
        if (s.big == null || s.big.length < n) s.big = new double[n];
        return s.big;
    }

    /** w_f = Σ_g φ_f(r_g) n(r_g) ΔV: the projection of a grid field onto the functions. */
    public double[] project(VolumetricData data) {
        Grid g = data.grid();
        double[] n = data.values();
        double dv = g.voxelVolume();
        return overGrid(g, (s, nb, w) -> {
            for (int p = 0; p < nb; p++) s.tmp[p] = n[s.idx[p]];
            Blas.gemv(true, nb, size, dv, s.vals, s.tmp, 1.0, w);
        }, new Accumulator<double[]>() {
            @Override
            public double[] create() {
                return new double[size];
            }

            @Override
            public void merge(double[] into, double[] from) {
                for (int f = 0; f < size; f++) into[f] += from[f];
            }
        });
    }

    /** G_fh = Σ_g φ_f(r_g) φ_h(r_g) ΔV, the overlap matrix as the grid's quadrature sees it. */
    public double[] gridOverlap(Grid g) {
        double dv = g.voxelVolume();
        return overGrid(g, (s, nb, acc) -> Blas.gemm(true, false, size, size, nb, dv, s.vals, s.vals, 1.0, acc),
                new Accumulator<double[]>() {
                    @Override
                    public double[] create() {
                        return new double[size * size];
                    }

                    @Override
                    public void merge(double[] into, double[] from) {
                        for (int f = 0; f < into.length; f++) into[f] += from[f];
                    }
                });
    }

    /**
     * Values of all functions at arbitrary points (bohr, flat): out[p·size() + f], periodic sums for a
     * cell. Parallel over chunks of points.
     */
    public void values(double[] points, int n, double[] out) {
        if (points.length < 3 * n || out.length < (long) n * size) throw new IllegalArgumentException("arrays too short");
        Images im = images(0); // every point is moved into the home cell first
        int nchunks = (n + CHUNK - 1) / CHUNK;
        int tasks = Math.max(1, Math.min(nchunks, Threads.count() * 8));
        java.util.function.IntConsumer body = task -> {
            Scratch s = new Scratch();
            double[] sphere = new double[4];
            int from = (int) ((long) nchunks * task / tasks), to = (int) ((long) nchunks * (task + 1) / tasks);
            for (int ch = from; ch < to; ch++) {
                int p0 = ch * CHUNK, nb = Math.min(CHUNK, n - p0);
                System.arraycopy(points, 3 * p0, s.pts, 0, 3 * nb);
                if (cell != null) {
                    for (int p = 0; p < nb; p++) {
                        homeShift(s.pts[3 * p], s.pts[3 * p + 1], s.pts[3 * p + 2], s.shift);
                        for (int c = 0; c < 3; c++) s.pts[3 * p + c] += s.shift[c];
                    }
                }
                boundingSphere(s.pts, nb, sphere);
                fill(s, im, nb, sphere[0], sphere[1], sphere[2], sphere[3]);
                System.arraycopy(s.vals, 0, out, p0 * size, nb * size);
            }
        };
        if (tasks == 1) body.accept(0); // a few points (one feature vector): no hand-off to the pool
        else Threads.parallelFor(0, tasks, body);
    }

    /** Σ_f c_f φ_f at arbitrary points (bohr, flat). */
    public double[] evaluate(double[] coefficients, double[] points, int n) {
        double[] vals = new double[n * size];
        values(points, n, vals);
        double[] out = new double[n];
        Blas.gemv(false, n, size, 1.0, vals, coefficients, 0.0, out);
        return out;
    }

    /** ∫ φ_f over all space (per cell for a periodic structure this is the charge of each lattice-summed function). */
    public double[] integrals() {
        return Integrals.integrals(bf);
    }

    /**
     * The analytic overlap matrix S; for a cell the lattice sum S_fh = Σ_T ∫ φ_f(r) φ_h(r − T) over the
     * translations T at which the two ranges can overlap.
     */
    public double[] overlapMatrix() {
        if (cell == null) return Integrals.overlapMatrix(bf);
        double reach = 2 * maxRange();
        double spread = 0;
        for (int a = 0; a < natoms; a++) {
            for (int b = 0; b < natoms; b++) {
                double dx = centres[3 * a] - centres[3 * b], dy = centres[3 * a + 1] - centres[3 * b + 1], dz = centres[3 * a + 2] - centres[3 * b + 2];
                spread = Math.max(spread, Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
        }
        double[] h = heights();
        int[] nmax = new int[3];
        for (int i = 0; i < 3; i++) nmax[i] = pbc[i] ? (int) Math.ceil((reach + spread) / h[i]) : 0;
        double[] s = new double[size * size];
        double limit = reach + spread;
        for (int n0 = -nmax[0]; n0 <= nmax[0]; n0++) {
            for (int n1 = -nmax[1]; n1 <= nmax[1]; n1++) {
                for (int n2 = -nmax[2]; n2 <= nmax[2]; n2++) {
                    double[] t = new double[3];
                    for (int c = 0; c < 3; c++) t[c] = n0 * cell[c] + n1 * cell[3 + c] + n2 * cell[6 + c];
                    if (Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]) > limit) continue;
                    double[] block = Integrals.overlapMatrix(bf, bf.translated(t));
                    for (int i = 0; i < s.length; i++) s[i] += block[i];
                }
            }
        }
        for (int i = 0; i < size; i++) { // exact symmetry (the sum over ±T is symmetric up to round-off)
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (s[i * size + j] + s[j * size + i]);
                s[i * size + j] = m;
                s[j * size + i] = m;
            }
        }
        return s;
    }

    /** The screening tolerance in use. */
    public double tolerance() {
        return tolerance;
    }
}
