package org.equidens.descriptor;

import java.io.Serializable;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.equidens.io.InputException;
import org.equidens.math.SphericalHarmonics;
import org.equidens.structure.Atoms;
import org.equidens.structure.Cell;
import org.equidens.util.Threads;

/**
 * The SOAP spherical expansion in featomic's definition (its {@code SphericalExpansion} calculator
 * with a Gaussian density, GTO radial basis and ShiftedCosine or Step cutoff), for one structure:
 * <pre>
 *   c^a_{i,nlm} = Σ_{j ∈ a, |r_ij| &lt; rc} f_c(r_ij)·Y_lm(r̂_ij)·I_nl(r_ij)  +  δ_{a,a_i} δ_{l0}·w_c·Y_00·I_n0(0)
 * </pre>
 * with r_ij = r_j + S·H − r_i (neighbour minus centre, all periodic images S within rc, including
 * the centre's own images), I_nl the radial integral of the L2-normalised Gaussian (width σ) against
 * the orthonormal GTO basis ({@link SoapRadialIntegral}, or its {@link RadialSpline}), and the last
 * term the centre's own Gaussian in its own species channel (l = 0 only).
 *
 * <p><b>Layout</b>: an {@link Expansion}, each centre a contiguous slab ordered
 * [l][m][neighbour species][n] (m = −l..l, species ascending by Z as in {@link Hypers#species()} or,
 * by default, the structure's species; n = 0..N−1). This is exactly the flattening of featomic's
 * per-centre array when its blocks (o3_lambda = l, neighbor_type = a) are concatenated along
 * (l, m, a, n): reference row i equals {@code values()[i·stride .. (i+1)·stride)}. Centres are the
 * atoms in structure order (restricted to {@link Hypers#centerSpecies()} if given), samples
 * ("system", "atom") = (0, atom index).
 *
 * <p><b>Algorithm</b>: a full neighbour list (cell lists, {@link NeighbourList}) sorted into
 * per-centre runs, then parallel over centres, each writing only its own slab: no locks, no
 * reductions, deterministic sums. The half list with the (−1)^l reverse-pair rule would halve only
 * the harmonics + radial-spline evaluations. Measured single-threaded on the 2057-atom gold
 * cluster (rc 5, l_max 8, N 8, 72 048 ordered pairs): neighbour list 3.4 ms, harmonics + spline
 * 13.7 ms, the (l+1)²·N accumulation 33.6 ms, which both directions need anyway. So the half list
 * could save at most ~14 % of the expansion (and &lt; 1 % of the λ-SOAP pipeline, which is 30× more
 * expensive), at the price of atomics or a second pass to stay parallel over centres: not worth it.
 *
 * <p>Thread-safe and reusable: the radial spline is built once per calculator (a few ms).
 */
public final class SphericalExpansion {
    /** Atoms closer than this (Å) are rejected: the expansion is then meaningless (and featomic's direction ill-defined). */
    public static final double MIN_DISTANCE = 1e-6;

    /** Cutoff smoothing function. */
    public enum Smoothing {
        /** featomic's ShiftedCosine of width {@link Hypers#smoothingWidth()}. */
        SHIFTED_COSINE,
        /** Hard step at rc (the width is ignored). */
        STEP
    }

    /**
     * Hyperparameters (lengths in the unit of the positions, Å in practice).
     *
     * @param cutoff           rc &gt; 0
     * @param smoothing        cutoff function
     * @param smoothingWidth   ShiftedCosine width w, 0 ≤ w ≤ rc (featomic docs use 0.5)
     * @param gaussianWidth    σ of the atom Gaussian, &gt; 0
     * @param radialFunctions  N, the <b>number</b> of GTO radial functions (n = 0..N−1): TENSOAP's
     *                         {@code -n}, featomic's max_radial + 1
     * @param maxAngular       l_max ≥ 0
     * @param centerAtomWeight w_c, weight of the centre's own Gaussian (featomic default 1)
     * @param splineAccuracy   accuracy of the cubic Hermite spline of I_nl (featomic default 1e-8);
     *                         0 = exact analytic integrals (slower, featomic's {@code null})
     * @param species          neighbour species (atomic numbers), or null for the structure's own
     *                         species; sorted and de-duplicated here. Fixing it makes features of
     *                         different structures comparable
     * @param centerSpecies    species whose atoms are centres, or null for all atoms
     */
    public record Hypers(double cutoff, Smoothing smoothing, double smoothingWidth, double gaussianWidth,
                         int radialFunctions, int maxAngular, double centerAtomWeight, double splineAccuracy,
                         int[] species, int[] centerSpecies) implements Serializable {
        public Hypers {
            if (!(cutoff > 0) || Double.isInfinite(cutoff)) throw new IllegalArgumentException("cutoff must be > 0: " + cutoff);
            if (smoothing == null) throw new IllegalArgumentException("smoothing must be given");
            if (smoothing == Smoothing.SHIFTED_COSINE && !(smoothingWidth >= 0 && smoothingWidth <= cutoff))
                throw new IllegalArgumentException("smoothing width must be in [0, cutoff]: " + smoothingWidth);
            if (!(gaussianWidth > 0) || Double.isInfinite(gaussianWidth))
                throw new IllegalArgumentException("Gaussian width must be > 0: " + gaussianWidth);
            if (radialFunctions < 1 || radialFunctions > 20)
                throw new IllegalArgumentException("number of radial functions must be in 1..20: " + radialFunctions);
            if (maxAngular < 0 || maxAngular > 30) throw new IllegalArgumentException("l_max must be in 0..30: " + maxAngular);
            if (!Double.isFinite(centerAtomWeight)) throw new IllegalArgumentException("center atom weight must be finite");
            if (!(splineAccuracy >= 0) || splineAccuracy >= 1)
                throw new IllegalArgumentException("spline accuracy must be in [0, 1) (0 = analytic): " + splineAccuracy);
            species = species == null ? null : sortedDistinct(species, "species");
            centerSpecies = centerSpecies == null ? null : sortedDistinct(centerSpecies, "center species");
        }

        /** featomic-style defaults (ShiftedCosine 0.5, w_c = 1, spline 1e-8, species from the structure). */
        public static Hypers of(double cutoff, double gaussianWidth, int radialFunctions, int maxAngular) {
            return new Hypers(cutoff, Smoothing.SHIFTED_COSINE, Math.min(0.5, cutoff), gaussianWidth, radialFunctions, maxAngular,
                    1.0, RadialSpline.DEFAULT_ACCURACY, null, null);
        }

        /** TENSOAP/SALTED defaults: rc 4 Å, σ 0.3 Å, 8 radial functions, l_max 6. */
        public static Hypers defaults() {
            return of(4.0, 0.3, 8, 6);
        }

        public Hypers withSpecies(int... z) {
            return new Hypers(cutoff, smoothing, smoothingWidth, gaussianWidth, radialFunctions, maxAngular, centerAtomWeight,
                    splineAccuracy, z, centerSpecies);
        }

        public Hypers withCenterSpecies(int... z) {
            return new Hypers(cutoff, smoothing, smoothingWidth, gaussianWidth, radialFunctions, maxAngular, centerAtomWeight,
                    splineAccuracy, species, z);
        }

        public Hypers withSplineAccuracy(double accuracy) {
            return new Hypers(cutoff, smoothing, smoothingWidth, gaussianWidth, radialFunctions, maxAngular, centerAtomWeight,
                    accuracy, species, centerSpecies);
        }

        public Hypers withCutoff(Smoothing s, double width) {
            return new Hypers(cutoff, s, width, gaussianWidth, radialFunctions, maxAngular, centerAtomWeight,
                    splineAccuracy, species, centerSpecies);
        }

        public Hypers withCenterAtomWeight(double w) {
            return new Hypers(cutoff, smoothing, smoothingWidth, gaussianWidth, radialFunctions, maxAngular, w,
                    splineAccuracy, species, centerSpecies);
        }

        // Records compare arrays by identity; these hypers are values.
        @Override
        public boolean equals(Object o) {
            return o instanceof Hypers h && Double.compare(cutoff, h.cutoff) == 0 && smoothing == h.smoothing
                    && Double.compare(smoothingWidth, h.smoothingWidth) == 0 && Double.compare(gaussianWidth, h.gaussianWidth) == 0
                    && radialFunctions == h.radialFunctions && maxAngular == h.maxAngular
                    && Double.compare(centerAtomWeight, h.centerAtomWeight) == 0 && Double.compare(splineAccuracy, h.splineAccuracy) == 0
                    && Arrays.equals(species, h.species) && Arrays.equals(centerSpecies, h.centerSpecies);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(new double[] {cutoff, smoothingWidth, gaussianWidth, radialFunctions, maxAngular,
                    centerAtomWeight, splineAccuracy, smoothing.ordinal()}) * 31 * 31
                    + Arrays.hashCode(species) * 31 + Arrays.hashCode(centerSpecies);
        }

        @Override
        public int[] species() {
            return species == null ? null : species.clone();
        }

        @Override
        public int[] centerSpecies() {
            return centerSpecies == null ? null : centerSpecies.clone();
        }

        @Override
        public String toString() {
            return "SphericalExpansion.Hypers[cutoff=" + cutoff + ", smoothing=" + smoothing + ", smoothingWidth=" + smoothingWidth
                    + ", gaussianWidth=" + gaussianWidth + ", radialFunctions=" + radialFunctions + ", maxAngular=" + maxAngular
                    + ", centerAtomWeight=" + centerAtomWeight + ", splineAccuracy=" + splineAccuracy
                    + ", species=" + Arrays.toString(species) + ", centerSpecies=" + Arrays.toString(centerSpecies) + "]";
        }

        private static int[] sortedDistinct(int[] z, String what) {
            int[] s = Arrays.stream(z).sorted().distinct().toArray();
            if (s.length == 0) throw new IllegalArgumentException(what + " list is empty");
            if (s[0] < 1 || s[s.length - 1] > 118) throw new IllegalArgumentException(what + " must be atomic numbers 1..118: " + Arrays.toString(z));
            return s;
        }
    }

    private final Hypers hypers;
    private final Cutoff cutoff;
    private final RadialIntegral radial;
    /** I_n0(0)·Y_00·w_c: the self term per n. */
    private final double[] selfTerm;
    private final ThreadLocal<SphericalHarmonics> harmonics;

    public SphericalExpansion(Hypers hypers) {
        this.hypers = hypers;
        this.cutoff = hypers.smoothing() == Smoothing.STEP ? Cutoff.step(hypers.cutoff())
                : Cutoff.shiftedCosine(hypers.cutoff(), hypers.smoothingWidth());
        SoapRadialIntegral exact = SoapRadialIntegral.of(hypers.radialFunctions() - 1, hypers.maxAngular(), hypers.cutoff(),
                hypers.gaussianWidth());
        this.radial = hypers.splineAccuracy() > 0 ? exact.spline(hypers.splineAccuracy()) : exact;
        double[] at0 = new double[radial.length()];
        radial.compute(0.0, at0, null);
        int n = hypers.radialFunctions();
        selfTerm = new double[n];
        double y00 = 1.0 / Math.sqrt(4 * Math.PI);
        for (int k = 0; k < n; k++) selfTerm[k] = hypers.centerAtomWeight() * y00 * at0[k];
        int lmax = hypers.maxAngular();
        harmonics = ThreadLocal.withInitial(() -> new SphericalHarmonics(lmax));
    }

    public Hypers hypers() {
        return hypers;
    }

    /** The radial integral in use (spline or analytic). */
    public RadialIntegral radialIntegral() {
        return radial;
    }

    /** Neighbour species used for a structure: the hypers' list, or the structure's species sorted by Z. */
    public int[] neighbourSpecies(Atoms structure) {
        if (hypers.species() != null) return hypers.species();
        TreeSet<Integer> zs = new TreeSet<>();
        for (int i = 0; i < structure.size(); i++) zs.add(structure.atomicNumber(i));
        return zs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Atom indices (structure order) that are centres. */
    public int[] centres(Atoms structure) {
        int[] filter = hypers.centerSpecies();
        if (filter == null) return IntStream.range(0, structure.size()).toArray();
        return IntStream.range(0, structure.size()).filter(i -> Arrays.binarySearch(filter, structure.atomicNumber(i)) >= 0).toArray();
    }

    /**
     * The expansion of every centre of one structure (system label 0).
     *
     * @throws InputException for atoms closer than {@link #MIN_DISTANCE}, a singular cell, non-finite
     *                        positions, or a neighbour species missing from the hypers' species list
     */
    public Expansion compute(Atoms structure) {
        return compute(structure, 0);
    }

    /** The same, with sample labels ("system", "atom") = (system, atom index). */
    public Expansion compute(Atoms structure, int system) {
        int natoms = structure.size();
        double[] positions = structure.positions();
        for (int k = 0; k < positions.length; k++)
            if (!Double.isFinite(positions[k]))
                throw new InputException("atom " + k / 3 + " (" + structure.symbol(k / 3) + ") has a non-finite position");
        int[] species = neighbourSpecies(structure);
        int[] speciesIndex = new int[natoms];
        for (int i = 0; i < natoms; i++) {
            int z = structure.atomicNumber(i);
            speciesIndex[i] = Arrays.binarySearch(species, z);
            if (speciesIndex[i] < 0)
                throw new InputException("atom " + i + " is " + structure.symbol(i) + " (Z=" + z
                        + "), which is not among the neighbour species " + Arrays.toString(species) + " of the hyperparameters");
        }
        int[] centres = centres(structure);
        int[] centreZ = new int[centres.length];
        int[] labels = new int[2 * centres.length];
        for (int c = 0; c < centres.length; c++) {
            centreZ[c] = structure.atomicNumber(centres[c]);
            labels[2 * c] = system;
            labels[2 * c + 1] = centres[c];
        }
        int nmax = hypers.radialFunctions(), lmax = hypers.maxAngular();
        Expansion out = new Expansion(lmax, nmax, species, centreZ, new Labels(new String[] {"system", "atom"}, labels), null);
        if (centres.length == 0) return out;

        NeighbourList list = neighbours(structure);
        // Per-centre runs of the full list (counting sort by centre; stable, so deterministic order).
        int pairs = list.size();
        int[] start = new int[natoms + 1];
        for (int p = 0; p < pairs; p++) start[list.first(p) + 1]++;
        for (int i = 0; i < natoms; i++) start[i + 1] += start[i];
        int[] order = new int[pairs];
        int[] fill = Arrays.copyOf(start, natoms);
        for (int p = 0; p < pairs; p++) {
            order[fill[list.first(p)]++] = p;
            double r = list.distance(p);
            if (r < MIN_DISTANCE) {
                int i = list.first(p), j = list.second(p);
                throw new InputException("atoms " + i + " (" + structure.symbol(i) + ") and " + j + " (" + structure.symbol(j) + ") are "
                        + String.format("%.3g", r) + " Å apart" + (i == j ? " (periodic images)" : "")
                        + ", closer than 1e-6 Å");
            }
        }

        double[] values = out.values();
        int stride = out.centreStride(), nspecies = species.length;
        Runnable work = () -> IntStream.range(0, centres.length).parallel().forEach(c -> {
            SphericalHarmonics sh = harmonics.get();
            double[] ylm = new double[(lmax + 1) * (lmax + 1)];
            double[] rad = new double[radial.length()];
            int base = c * stride;
            int atom = centres[c];
            int self = base + speciesIndex[atom] * nmax; // (l, m) = (0, 0)
            for (int n = 0; n < nmax; n++) values[self + n] += selfTerm[n];
            for (int q = start[atom]; q < start[atom + 1]; q++) {
                int p = order[q];
                double r = list.distance(p);
                double fc = cutoff.value(r);
                if (fc == 0.0) continue;
                sh.compute(list.vector(p, 0), list.vector(p, 1), list.vector(p, 2), ylm);
                radial.compute(r, rad, null);
                int a = speciesIndex[list.second(p)];
                for (int l = 0; l <= lmax; l++) {
                    int ro = l * nmax;
                    for (int lm = l * l; lm <= l * l + 2 * l; lm++) {
                        double y = fc * ylm[lm];
                        int o = base + (lm * nspecies + a) * nmax;
                        for (int n = 0; n < nmax; n++) values[o + n] += y * rad[ro + n];
                    }
                }
            }
        });
        if (centres.length > 1) Threads.pool().submit(work).join();
        else work.run();
        return out;
    }

    private NeighbourList neighbours(Atoms structure) {
        double[] cell = structure.cell();
        boolean periodic = structure.isPeriodic();
        if (periodic) {
            if (cell == null) throw new InputException("the structure is periodic but has no cell");
            try {
                new Cell(cell);
            } catch (IllegalArgumentException e) {
                throw new InputException("singular cell " + Arrays.toString(cell)
                        + ": its lattice vectors are linearly dependent, zero or not finite");
            }
        }
        try {
            return NeighbourList.build(structure.positions(), periodic ? cell : null, structure.pbc(), hypers.cutoff(), true);
        } catch (IllegalArgumentException e) {
            throw new InputException("cannot build the neighbour list: " + e.getMessage());
        }
    }
}
