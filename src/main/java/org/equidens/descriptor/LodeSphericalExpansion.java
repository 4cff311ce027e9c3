package org.equidens.descriptor;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.equidens.linalg.Blas;
import org.equidens.math.GaussLegendre;
import org.equidens.math.SphericalHarmonics;
import org.equidens.structure.Atoms;
import org.equidens.structure.Cell;

/**
 * LODE spherical expansion (Grisafi &amp; Ceriotti 2019; featomic's {@code LodeSphericalExpansion}):
 * per centre i and neighbour species a, c^a_(i,nlm) = ∫ B_n(r) Y_lm(r̂) V^a(r_i + r) d³r, where V^a is the
 * sum over the atoms of species a of the smeared power-law potential g_p ({@link LodePotential}) and B_n
 * the orthonormal GTO basis ({@link GtoRadialBasis}, its radius only sets the widths: it is not a
 * cutoff, every atom contributes).
 *
 * <p><b>Periodic cells</b> (all three directions periodic, any triclinic cell): featomic's reciprocal
 * sum, reproduced term by term so the numbers match featomic,
 * <pre>
 *   c^a_(i,nlm) = (4π/V) Σ_(k in half space, 0&lt;|k|&lt;k_c) i_l φ̃_p(k) S^a_(i,l)(k) I_nl(|k|) Y_lm(k̂)
 *               + δ_l0 (4π/V) N_a φ̃_p(0) Y_00 I_n0(0)            (p = 0 or p &gt; 3 only)
 *               − δ_l0 δ_(a,a_i) (1 − w_c) √(4π) ∫ r² B_n g_p dr   (centre weight w_c ≠ 1)
 * </pre>
 * with S = 2Σ_(j∈a) cos(k·(r_i−r_j)) for even l, 2Σ sin(...) for odd l (j = i included: the periodic
 * self-image), i_l = (−1)^(l/2) or (−1)^((l+1)/2), and I_nl(k) from {@link LodeRadialIntegral}. The
 * k = 0 term is dropped for 1 ≤ p ≤ 3 (neutralising background), so for p = 1 each species channel is
 * defined up to that convention; molecules in boxes therefore converge only as 1/L in l = 0.
 * Structure factors use cos(k·r_i)cos(k·r_j) + sin sin (per-species sums, O(N·N_k)), and the k sum is,
 * per chunk of k vectors and per parity of l, one matrix product ({@link Blas#gemm}) of the
 * (centre, species) × k structure factors with the k × (l, m, n) table i_l φ̃ Y_lm(k̂) I_nl(k):
 * cost O(N·N_k·n_species·(lmax+1)²·N) flops at BLAS speed, memory O(chunk·(N + (lmax+1)²·N)).
 *
 * <p><b>Molecules</b> (no periodic direction): exact, without a box. c^a_(i,nlm) =
 * Σ_(j∈a, j≠i) Y_lm(r̂_ij) I^V_nl(r_ij) + w_c δ_(a,a_i) δ_l0 Y_00 I^V_n0(0), r_ij = r_j − r_i, over all
 * pairs (O(N²)), with I^V from {@link LodeCoulombIntegral} (splined up to where its multipole tail
 * becomes exact, the tail beyond). Only p = 1 is supported here.
 *
 * <p>Output: a flat {@code double[]} per structure, layout [centre][l][m][species][n] (featomic's),
 * described by {@link Layout}. Thread-safe; no per-pair allocation.
 */
public final class LodeSphericalExpansion {
    private static final double Y00 = 1.0 / Math.sqrt(4 * Math.PI);
    private static final int K_CHUNK = 1024;

    /**
     * Hyperparameters (all lengths in the unit of the positions, Å in practice).
     *
     * @param smearing         σ of the smeared potential (&gt; 0)
     * @param exponent         p of 1/r^p (0..6; molecules: 1 only)
     * @param radius           GTO radius (sets the widths σ_n = radius·max(√n,1)/N; not a cutoff)
     * @param radialSize       N, number of radial functions (featomic's max_radial + 1)
     * @param maxAngular       lmax
     * @param kCutoff          reciprocal cutoff (1/Å), featomic default 1.2π/σ
     * @param centerAtomWeight w_c, weight of the centre's own potential (default 1)
     * @param splineAccuracy   accuracy of the radial splines (featomic default 1e-8); 0 = exact
     *                         integrals at every evaluation (slow; for validation)
     */
    public record Hyperparameters(double smearing, int exponent, double radius, int radialSize, int maxAngular,
                                  double kCutoff, double centerAtomWeight, double splineAccuracy) {
        public Hyperparameters {
            if (!(smearing > 0) || Double.isInfinite(smearing)) {
                throw new IllegalArgumentException("LODE smearing must be finite and > 0, got " + smearing);
            }
            if (exponent < 0 || exponent > LodePotential.MAX_EXPONENT) {
                throw new IllegalArgumentException("LODE exponent must be in 0.." + LodePotential.MAX_EXPONENT + ", got " + exponent);
            }
            if (!(radius > 0) || Double.isInfinite(radius)) throw new IllegalArgumentException("GTO radius must be finite and > 0, got " + radius);
            if (radialSize < 1) throw new IllegalArgumentException("need at least one radial function, got " + radialSize);
            if (maxAngular < 0) throw new IllegalArgumentException("max angular must be ≥ 0, got " + maxAngular);
            if (!(kCutoff > 0) || Double.isInfinite(kCutoff)) throw new IllegalArgumentException("k cutoff must be finite and > 0, got " + kCutoff);
            if (!Double.isFinite(centerAtomWeight)) throw new IllegalArgumentException("center atom weight must be finite");
            if (!(splineAccuracy >= 0) || Double.isInfinite(splineAccuracy)) {
                throw new IllegalArgumentException("spline accuracy must be ≥ 0 (0 = exact), got " + splineAccuracy);
            }
        }

        /** Defaults: k_c = 1.2π/σ, w_c = 1, spline accuracy 1e-8. */
        public static Hyperparameters of(double smearing, int exponent, double radius, int radialSize, int maxAngular) {
            if (!(smearing > 0)) throw new IllegalArgumentException("LODE smearing must be finite and > 0, got " + smearing);
            return new Hyperparameters(smearing, exponent, radius, radialSize, maxAngular, 1.2 * Math.PI / smearing, 1.0,
                    RadialSpline.DEFAULT_ACCURACY);
        }

        public Hyperparameters withKCutoff(double k) {
            return new Hyperparameters(smearing, exponent, radius, radialSize, maxAngular, k, centerAtomWeight, splineAccuracy);
        }

        public Hyperparameters withCenterAtomWeight(double w) {
            return new Hyperparameters(smearing, exponent, radius, radialSize, maxAngular, kCutoff, w, splineAccuracy);
        }

        public Hyperparameters withSplineAccuracy(double a) {
            return new Hyperparameters(smearing, exponent, radius, radialSize, maxAngular, kCutoff, centerAtomWeight, a);
        }
    }

    /**
     * Layout of one structure's values: [centre][l][m][species][n], species = atomic numbers sorted
     * ascending.
     */
    public record Layout(int[] species, int radialSize, int maxAngular) {
        public Layout {
            species = species.clone();
            for (int s = 1; s < species.length; s++) {
                if (species[s] <= species[s - 1]) throw new IllegalArgumentException("species must be sorted and distinct: " + Arrays.toString(species));
            }
        }

        @Override
        public int[] species() {
            return species.clone();
        }

        public int speciesCount() {
            return species.length;
        }

        /** Values per centre: (lmax+1)²·n_species·N. */
        public int perCentre() {
            return (maxAngular + 1) * (maxAngular + 1) * species.length * radialSize;
        }

        /** Offset of (l, m, species index, n) within a centre's block. */
        public int index(int l, int m, int speciesIndex, int n) {
            return ((l * l + l + m) * species.length + speciesIndex) * radialSize + n;
        }

        /** Index of atomic number z in the species list, or −1. */
        public int speciesIndex(int z) {
            int k = Arrays.binarySearch(species, z);
            return k >= 0 ? k : -1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Layout other && Arrays.equals(species, other.species) && radialSize == other.radialSize
                    && maxAngular == other.maxAngular;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(species) * 31 + radialSize * 7 + maxAngular;
        }

        @Override
        public String toString() {
            return "Layout[species=" + Arrays.toString(species) + ", radialSize=" + radialSize + ", maxAngular=" + maxAngular + "]";
        }
    }

    /** One structure's coefficients, flat [centre][l][m][species][n] (the array is not copied). */
    public record Result(Layout layout, int centres, double[] values) {
        public double get(int centre, int l, int m, int speciesIndex, int n) {
            return values[centre * layout.perCentre() + layout.index(l, m, speciesIndex, n)];
        }
    }

    private final Hyperparameters hyper;
    private final GtoRadialBasis basis;
    private final LodePotential potential;
    private final RadialIntegral kIntegral;
    private final double[] centerContribution; // C_n = √(4π) ∫ r² B_n g_p dr
    private final double[] zeroMoment;         // I_n0(0) = ∫ r² B_n dr
    private final int size;
    private final int lmax;
    private volatile RadialIntegral coulomb;   // molecules, built on first use
    private volatile LodeCoulombIntegral coulombExact;

    public LodeSphericalExpansion(Hyperparameters hyperparameters) {
        this.hyper = hyperparameters;
        this.size = hyper.radialSize();
        this.lmax = hyper.maxAngular();
        basis = new GtoRadialBasis(size, hyper.radius());
        potential = new LodePotential(hyper.exponent(), hyper.smearing());
        LodeRadialIntegral exact = new LodeRadialIntegral(basis, lmax, hyper.kCutoff());
        kIntegral = hyper.splineAccuracy() > 0 ? RadialSpline.build(exact, hyper.splineAccuracy()) : exact;
        double[] v = new double[exact.length()];
        exact.compute(0.0, v, null);
        zeroMoment = Arrays.copyOf(v, size);
        centerContribution = centerContribution(basis, potential);
    }

    public Hyperparameters hyperparameters() {
        return hyper;
    }

    public GtoRadialBasis basis() {
        return basis;
    }

    /** √(4π) ∫ r² B_n(r) g_p(r) dr by composite Gauss–Legendre (smooth integrand, rounding-level). */
    static double[] centerContribution(GtoRadialBasis basis, LodePotential g) {
        int n = basis.size();
        double extent = LodeCoulombIntegral.basisExtent(basis, 0);
        double h = Math.min(basis.sigma(0), g.smearing());
        int panels = (int) Math.ceil(extent / h);
        GaussLegendre gl = new GaussLegendre(20);
        double[] out = new double[n];
        double[] b = new double[n];
        double[] tmp = new double[n];
        for (int p = 0; p < panels; p++) {
            for (int i = 0; i < gl.size(); i++) {
                double r = gl.node(i, p * h, (p + 1) * h);
                double w = gl.weight(i, p * h, (p + 1) * h) * r * r * g.value(r);
                basis.evaluate(r, b, tmp);
                for (int k = 0; k < n; k++) out[k] += w * b[k];
            }
        }
        for (int k = 0; k < n; k++) out[k] *= Math.sqrt(4 * Math.PI);
        return out;
    }

    /** Expansion of a structure with its own species (sorted by Z). */
    public Result compute(Atoms atoms) {
        int[] types = types(atoms);
        return compute(atoms, Arrays.stream(types).distinct().sorted().toArray());
    }

    /**
     * Expansion with a given species list (atomic numbers, sorted ascending; must contain every
     * species of the structure, may contain more, whose channels then get their zero or k = 0 values).
     * Fully periodic structures use the k-space sum, structures without periodic directions the exact
     * molecular sum; partial periodicity is rejected.
     */
    public Result compute(Atoms atoms, int[] species) {
        int[] types = types(atoms);
        Layout layout = new Layout(species, size, lmax);
        boolean[] pbc = atoms.pbc();
        double[] values;
        if (pbc[0] && pbc[1] && pbc[2]) {
            if (!atoms.hasCell()) throw new IllegalArgumentException("periodic structure without a cell");
            values = computePeriodic(atoms.positions(), types, atoms.cell(), layout);
        } else if (!pbc[0] && !pbc[1] && !pbc[2]) {
            values = computeMolecule(atoms.positions(), types, layout);
        } else {
            throw new IllegalArgumentException("LODE needs a fully periodic structure or a molecule; pbc = " + Arrays.toString(pbc));
        }
        return new Result(layout, types.length, values);
    }

    private static int[] types(Atoms atoms) {
        int[] t = new int[atoms.size()];
        for (int i = 0; i < t.length; i++) t[i] = atoms.atomicNumber(i);
        return t;
    }

    private static int[] speciesIndices(int[] types, Layout layout, double[] positions) {
        if (positions.length != 3 * types.length) throw new IllegalArgumentException("positions must have 3 values per atom");
        for (int i = 0; i < positions.length; i++) {
            if (!Double.isFinite(positions[i])) {
                throw new IllegalArgumentException("non-finite position of atom " + i / 3 + ": " + positions[i]);
            }
        }
        int[] idx = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            idx[i] = layout.speciesIndex(types[i]);
            if (idx[i] < 0) throw new IllegalArgumentException("atom " + i + " has atomic number " + types[i] + ", not in the species list");
        }
        return idx;
    }

    // ------------------------------------------------------------------------------------------ periodic

    /**
     * k-space expansion of a periodic structure.
     *
     * @param positions flat Cartesian positions (Å)
     * @param types     atomic numbers
     * @param cellRows  lattice vectors as rows (9 numbers)
     * @param layout    output layout
     * @return flat [centre][l][m][species][n]
     */
    public double[] computePeriodic(double[] positions, int[] types, double[] cellRows, Layout layout) {
        checkLayout(layout);
        int[] sIdx = speciesIndices(types, layout, positions);
        Cell cell;
        try {
            cell = new Cell(cellRows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LODE: invalid cell: " + e.getMessage(), e);
        }
        int nAtoms = types.length;
        int nS = layout.speciesCount();
        double volume = cell.volume();
        double[] kv = kVectors(cell, hyper.kCutoff());
        int nk = kv.length / 3;

        // columns split by parity of l: even-l (m, n) and odd-l (m, n)
        int colE = 0;
        int colO = 0;
        for (int l = 0; l <= lmax; l++) {
            if ((l & 1) == 0) colE += (2 * l + 1) * size; else colO += (2 * l + 1) * size;
        }
        final int cE = colE;
        final int cO = colO;
        double[] accE = new double[nAtoms * nS * cE];
        double[] accO = new double[nAtoms * nS * cO];
        double pref = 4 * Math.PI / volume;
        int chunk = Math.min(K_CHUNK, Math.max(nk, 1));
        double[] tE = new double[chunk * cE];
        double[] tO = new double[chunk * cO];
        double[] cosA = new double[nAtoms * chunk];
        double[] sinA = new double[nAtoms * chunk];
        double[] cSum = new double[nS * chunk];
        double[] sSum = new double[nS * chunk];
        double[] sE = new double[nAtoms * nS * chunk];
        double[] sO = new double[nAtoms * nS * chunk];
        int radialLength = kIntegral.length();
        ThreadLocal<double[]> ylmScratch = ThreadLocal.withInitial(() -> new double[SphericalHarmonics.size(lmax)]);
        ThreadLocal<double[]> radialScratch = ThreadLocal.withInitial(() -> new double[radialLength]);
        ThreadLocal<SphericalHarmonics> harmonics = ThreadLocal.withInitial(() -> new SphericalHarmonics(lmax));

        for (int k0 = 0; k0 < nk; k0 += chunk) {
            final int start = k0;
            final int count = Math.min(chunk, nk - k0);
            // table i_l φ̃(k) (4π/V) Y_lm(k̂) I_nl(k)
            IntStream.range(0, count).parallel().forEach(kk -> {
                double kx = kv[3 * (start + kk)];
                double ky = kv[3 * (start + kk) + 1];
                double kz = kv[3 * (start + kk) + 2];
                double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
                double[] ylm = ylmScratch.get();
                double[] rad = radialScratch.get();
                harmonics.get().compute(kx, ky, kz, ylm);
                kIntegral.compute(k, rad, null);
                double f = pref * potential.fourier(k);
                int e = kk * cE;
                int o = kk * cO;
                for (int l = 0; l <= lmax; l++) {
                    double phase = (l & 1) == 0 ? ((l / 2) % 2 == 0 ? 1 : -1) : (((l + 1) / 2) % 2 == 0 ? 1 : -1);
                    for (int m = -l; m <= l; m++) {
                        double y = f * phase * ylm[l * l + l + m];
                        if ((l & 1) == 0) {
                            for (int n = 0; n < size; n++) tE[e++] = y * rad[l * size + n];
                        } else {
                            for (int n = 0; n < size; n++) tO[o++] = y * rad[l * size + n];
                        }
                    }
                }
            });
            IntStream.range(0, nAtoms).parallel().forEach(j -> {
                double x = positions[3 * j];
                double y = positions[3 * j + 1];
                double z = positions[3 * j + 2];
                for (int kk = 0; kk < count; kk++) {
                    int q = 3 * (start + kk);
                    double phase = kv[q] * x + kv[q + 1] * y + kv[q + 2] * z;
                    cosA[j * chunk + kk] = Math.cos(phase);
                    sinA[j * chunk + kk] = Math.sin(phase);
                }
            });
            Arrays.fill(cSum, 0.0);
            Arrays.fill(sSum, 0.0);
            for (int j = 0; j < nAtoms; j++) {
                int s = sIdx[j];
                for (int kk = 0; kk < count; kk++) {
                    cSum[s * chunk + kk] += cosA[j * chunk + kk];
                    sSum[s * chunk + kk] += sinA[j * chunk + kk];
                }
            }
            // structure factors: rows (centre, species), columns k
            IntStream.range(0, nAtoms).parallel().forEach(i -> {
                for (int a = 0; a < nS; a++) {
                    int row = (i * nS + a) * chunk;
                    for (int kk = 0; kk < count; kk++) {
                        double ci = cosA[i * chunk + kk];
                        double si = sinA[i * chunk + kk];
                        double ca = cSum[a * chunk + kk];
                        double sa = sSum[a * chunk + kk];
                        // 2Σ_j cos(k·(r_i − r_j)) and 2Σ_j sin(k·(r_i − r_j))
                        sE[row + kk] = 2 * (ci * ca + si * sa);
                        sO[row + kk] = 2 * (si * ca - ci * sa);
                    }
                    for (int kk = count; kk < chunk; kk++) {
                        sE[row + kk] = 0.0;
                        sO[row + kk] = 0.0;
                    }
                }
            });
            if (count < chunk) {
                Arrays.fill(tE, count * cE, chunk * cE, 0.0);
                Arrays.fill(tO, count * cO, chunk * cO, 0.0);
            }
            Blas.gemm(false, false, nAtoms * nS, cE, chunk, 1.0, sE, tE, 1.0, accE);
            if (cO > 0) Blas.gemm(false, false, nAtoms * nS, cO, chunk, 1.0, sO, tO, 1.0, accO);
        }

        int per = layout.perCentre();
        double[] out = new double[nAtoms * per];
        int[] count = new int[nS];
        for (int s : sIdx) count[s]++;
        double zeroTerm = potential.hasZeroTerm() ? pref * potential.fourier(0.0) * Y00 : 0.0;
        double centreScale = 1.0 - hyper.centerAtomWeight();
        for (int i = 0; i < nAtoms; i++) {
            for (int a = 0; a < nS; a++) {
                int e = (i * nS + a) * cE;
                int o = (i * nS + a) * cO;
                for (int l = 0; l <= lmax; l++) {
                    for (int m = -l; m <= l; m++) {
                        int base = i * per + layout.index(l, m, a, 0);
                        for (int n = 0; n < size; n++) out[base + n] = (l & 1) == 0 ? accE[e++] : accO[o++];
                    }
                }
                int base = i * per + layout.index(0, 0, a, 0);
                for (int n = 0; n < size; n++) {
                    out[base + n] += zeroTerm * count[a] * zeroMoment[n];
                    if (a == sIdx[i]) out[base + n] -= centreScale * centerContribution[n];
                }
            }
        }
        return out;
    }

    /**
     * The half-space k vectors 0 &lt; |k| &lt; kc, flat (kx, ky, kz): n1 &gt; 0, or n1 = 0 and n2 &gt; 0, or
     * n1 = n2 = 0 and n3 &gt; 0, k = Σ n_i b_i with b = 2π (cellᵀ)⁻¹ rows.
     */
    static double[] kVectors(Cell cell, double kc) {
        double[] b = cell.reciprocal();
        for (int i = 0; i < 9; i++) b[i] *= 2 * Math.PI;
        double[] len = cell.lengths();
        int m1 = (int) Math.floor(kc * len[0] / (2 * Math.PI));
        int m2 = (int) Math.floor(kc * len[1] / (2 * Math.PI));
        int m3 = (int) Math.floor(kc * len[2] / (2 * Math.PI));
        double kc2 = kc * kc;
        double[] out = new double[64];
        int count = 0;
        for (int n1 = 0; n1 <= m1; n1++) {
            for (int n2 = n1 == 0 ? 0 : -m2; n2 <= m2; n2++) {
                for (int n3 = (n1 == 0 && n2 == 0) ? 1 : -m3; n3 <= m3; n3++) {
                    double kx = n1 * b[0] + n2 * b[3] + n3 * b[6];
                    double ky = n1 * b[1] + n2 * b[4] + n3 * b[7];
                    double kz = n1 * b[2] + n2 * b[5] + n3 * b[8];
                    double k2 = kx * kx + ky * ky + kz * kz;
                    if (k2 >= kc2) continue;
                    if (count * 3 + 3 > out.length) out = Arrays.copyOf(out, 2 * out.length);
                    out[3 * count] = kx;
                    out[3 * count + 1] = ky;
                    out[3 * count + 2] = kz;
                    count++;
                }
            }
        }
        return Arrays.copyOf(out, 3 * count);
    }

    private void checkLayout(Layout layout) {
        if (layout.radialSize() != size || layout.maxAngular() != lmax) {
            throw new IllegalArgumentException("layout " + layout + " does not match N = " + size + ", lmax = " + lmax);
        }
    }

    // ------------------------------------------------------------------------------------------ molecules

    /** The exact real-space radial integral I^V (p = 1). */
    public LodeCoulombIntegral coulombIntegral() {
        LodeCoulombIntegral c = coulombExact;
        if (c == null) {
            synchronized (this) {
                if (coulombExact == null) coulombExact = new LodeCoulombIntegral(basis, lmax, hyper.smearing());
                c = coulombExact;
            }
        }
        return c;
    }

    private RadialIntegral coulombRadial() {
        RadialIntegral r = coulomb;
        if (r == null) {
            synchronized (this) {
                if (coulomb == null) {
                    LodeCoulombIntegral exact = coulombIntegral();
                    coulomb = hyper.splineAccuracy() > 0 ? RadialSpline.build(exact, hyper.splineAccuracy()) : exact;
                }
                r = coulomb;
            }
        }
        return r;
    }

    /**
     * Exact non-periodic expansion (p = 1): all pairs, no cutoff, no box.
     *
     * @return flat [centre][l][m][species][n]
     */
    public double[] computeMolecule(double[] positions, int[] types, Layout layout) {
        checkLayout(layout);
        if (hyper.exponent() != 1) {
            throw new IllegalArgumentException("non-periodic LODE is implemented for exponent 1 (Coulomb) only, got " + hyper.exponent()
                    + "; use a periodic cell");
        }
        int[] sIdx = speciesIndices(types, layout, positions);
        RadialIntegral radial = coulombRadial();
        LodeCoulombIntegral exact = coulombIntegral();
        double tailStart = exact.radius();
        int nAtoms = types.length;
        int nS = layout.speciesCount();
        int per = layout.perCentre();
        double[] out = new double[nAtoms * per];
        int length = exact.length();
        double[] self = new double[length];
        exact.compute(0.0, self, null);
        double selfWeight = hyper.centerAtomWeight() * Y00;
        ThreadLocal<double[]> radScratch = ThreadLocal.withInitial(() -> new double[length]);
        ThreadLocal<double[]> ylmScratch = ThreadLocal.withInitial(() -> new double[SphericalHarmonics.size(lmax)]);
        ThreadLocal<SphericalHarmonics> harmonics = ThreadLocal.withInitial(() -> new SphericalHarmonics(lmax));
        IntStream.range(0, nAtoms).parallel().forEach(i -> {
            double[] rad = radScratch.get();
            double[] ylm = ylmScratch.get();
            SphericalHarmonics sh = harmonics.get();
            int block = i * per;
            for (int j = 0; j < nAtoms; j++) {
                if (j == i) continue;
                double dx = positions[3 * j] - positions[3 * i];
                double dy = positions[3 * j + 1] - positions[3 * i + 1];
                double dz = positions[3 * j + 2] - positions[3 * i + 2];
                double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (d >= tailStart) exact.tail(d, rad, null); else radial.compute(d, rad, null);
                sh.compute(dx, dy, dz, ylm);
                int s = sIdx[j];
                for (int l = 0; l <= lmax; l++) {
                    int r0 = l * size;
                    for (int m = -l; m <= l; m++) {
                        int lm = l * l + l + m;
                        double y = ylm[lm];
                        int o = block + (lm * nS + s) * size;
                        for (int n = 0; n < size; n++) out[o + n] += y * rad[r0 + n];
                    }
                }
            }
            int o = block + sIdx[i] * size;
            for (int n = 0; n < size; n++) out[o + n] += selfWeight * self[n];
        });
        return out;
    }
}
