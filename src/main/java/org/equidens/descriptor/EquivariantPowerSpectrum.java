package org.equidens.descriptor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.equidens.util.Threads;

/**
 * λ-SOAP: the equivariant power spectrum of two spherical expansions A and B of the same centres,
 * <pre>
 *   P^{λμ}_{(l1,a1,n1),(l2,a2,n2)}(i) = Σ_{m1 m2} C^{λμ}_{l1m1,l2m2} A^{a1}_{i,n1 l1 m1} B^{a2}_{i,n2 l2 m2}
 * </pre>
 * with the project's real Clebsch–Gordan coefficients ({@link org.equidens.math.ClebschGordan#real}),
 * for λ = 0..λmax and |l1−l2| ≤ λ ≤ l1+l2. A ⊗ A is the density-density λ-SOAP (ρ⊗ρ); A ≠ B gives
 * cross-correlations such as ρ⊗V (LODE).
 *
 * <p><b>Output</b>: a {@link BlockMap} with one block per key (λ, σ, centre species). σ = +1 holds
 * the (l1, l2) with l1+l2+λ even (a proper tensor: P(RX) = D^λ(R)·P(X) for every orthogonal R, so
 * (−1)^λ under inversion); σ = −1 those with l1+l2+λ odd (a pseudo-tensor: the same for proper R,
 * an extra −1 for improper R). Blocks without any (l1, l2) are omitted (e.g. λ=0, σ=−1 whenever
 * only l1 = l2 couple to λ=0). Samples: the centres of that species, labelled as in the expansion.
 * Components: "o3_mu" = −λ..λ. Properties: ("l_1", "l_2", "neighbor_1_type", "n_1",
 * "neighbor_2_type", "n_2"), ordered by (l1, l2), then a1, n1, a2, n2 — so one (l1, l2) pair is a
 * contiguous run of S_A·N_A × S_B·N_B properties, which is the rank-1 update the kernel writes.
 *
 * <p><b>(l1, l2) pairs.</b> With A ≠ B all ordered pairs are kept: A_{l1}⊗B_{l2} and A_{l2}⊗B_{l1} are
 * different information (featomic at HEAD filters l1 ≤ l2 here too and so drops e.g. ρ_1⊗V_0 at
 * λ=1; equidens refuses that filter for A ≠ B). With A == B, block (l2, l1) equals
 * (−1)^{l1+l2+λ} × block (l1, l2) with properties (a1,n1) ↔ (a2,n2) swapped, so
 * {@link PairSelection} offers featomic's l1 ≤ l2 filter. The <b>default is all ordered pairs</b>: it
 * is one definition for ρ⊗ρ and ρ⊗V, and its kernels equal TENSOAP's and SALTED's, against which the
 * density models are reproduced. The redundant half is not recomputed but copied (transposed, with
 * the sign) from its mirror: no extra multiply-adds, but 1.7× the output, which costs ~1.3× the time
 * of the filtered variants at lmax=6 (writing the output is a large share of the cost).
 * {@link PairSelection#L1_LE_L2_WEIGHTED} stores only l1 ≤ l2 with l1 &lt; l2 scaled by √2: half the
 * memory and kernel cost, and exactly the same linear kernels and norms as all ordered pairs.
 *
 * <p><b>Normalisation</b> ({@link Normalisation#PER_BLOCK_UNIT}): each environment's (2λ+1)×F slab
 * of each (λ, σ) block is divided by sqrt(Σ_{μ,f} P²), SALTED's convention (trace of the
 * environment's self-kernel = 1); rotation invariant, so equivariance is kept. TENSOAP instead
 * normalises the Frobenius norm of the (2λ+1)² self-kernel, featomic not at all (the default here).
 * A slab that vanishes up to rounding (norm ≤ {@link #ZERO_SLAB}·‖A_i‖·‖B_i‖, e.g. σ=−1 for a centre
 * whose neighbours are all collinear) is set to zero rather than blown up to unit-norm noise.
 *
 * <p><b>Cost</b> per centre: Σ over groups of nonzero (m1, μ) CG entries of S_A N_A·S_B N_B
 * multiply-adds plus the m2 contraction, i.e. O(S²N²Σ(2l1+1)(2λ+1)) rather than the dense
 * S²N²Σ(2l1+1)(2l2+1)(2λ+1). Parallel over centres ({@link Threads#pool()}); each centre writes only
 * its own sample rows, so no synchronisation.
 */
public final class EquivariantPowerSpectrum {
    /** Which parities to compute. */
    public enum Parities {
        /** σ = +1 only (l1+l2+λ even). */
        PROPER,
        /** σ = −1 only (l1+l2+λ odd). */
        PSEUDO,
        /** Both. */
        BOTH;

        public boolean includes(int sigma) {
            return this == BOTH || (sigma == 1) == (this == PROPER);
        }
    }

    /** Per-environment normalisation of each block. */
    public enum Normalisation {
        /** Raw features (featomic). */
        NONE,
        /** Each environment's slab of each (λ, σ) block scaled to unit Euclidean norm (SALTED). */
        PER_BLOCK_UNIT
    }

    /** Which (l1, l2) pairs are stored when A == B. */
    public enum PairSelection {
        /** All ordered pairs (TENSOAP, SALTED); the only choice for A ≠ B. */
        ALL_ORDERED,
        /** l1 ≤ l2 only, raw values (featomic's EquivariantPowerSpectrum). A == B only. */
        L1_LE_L2,
        /** l1 ≤ l2, l1 &lt; l2 scaled by √2: same kernels as ALL_ORDERED at half the size. A == B only. */
        L1_LE_L2_WEIGHTED
    }

    /**
     * Hyperparameters.
     *
     * @param lambdaMax largest λ computed (≥ 0)
     * @param parities which σ to compute
     * @param normalisation none or per-environment unit norm of each block
     * @param pairs (l1, l2) selection for A == B; must be ALL_ORDERED for A ≠ B
     */
    public record Hypers(int lambdaMax, Parities parities, Normalisation normalisation, PairSelection pairs)
            implements Serializable {
        public Hypers {
            if (lambdaMax < 0) throw new IllegalArgumentException("lambdaMax must be >= 0: " + lambdaMax);
            if (parities == null || normalisation == null || pairs == null)
                throw new IllegalArgumentException("parities, normalisation and pairs must be given");
        }

        /** Both parities, no normalisation, all ordered pairs. */
        public static Hypers of(int lambdaMax) {
            return new Hypers(lambdaMax, Parities.BOTH, Normalisation.NONE, PairSelection.ALL_ORDERED);
        }

        public Hypers withNormalisation(Normalisation n) {
            return new Hypers(lambdaMax, parities, n, pairs);
        }

        public Hypers withPairs(PairSelection p) {
            return new Hypers(lambdaMax, parities, normalisation, p);
        }

        public Hypers withParities(Parities p) {
            return new Hypers(lambdaMax, p, normalisation, pairs);
        }
    }

    private static final String[] PROPERTY_NAMES = {"l_1", "l_2", "neighbor_1_type", "n_1", "neighbor_2_type", "n_2"};

    /** Property label names of every block: l_1, l_2, neighbor_1_type, n_1, neighbor_2_type, n_2. */
    public static String[] propertyNames() {
        return PROPERTY_NAMES.clone();
    }

    private static final double SQRT2 = Math.sqrt(2.0);
    /**
     * Normalisation treats a slab with norm ≤ ZERO_SLAB·‖A_i‖·‖B_i‖ as zero. Blocks can vanish
     * identically (σ=−1 when all neighbours are collinear, e.g. a single neighbour) and then hold
     * only rounding residue ~1e-16·‖A_i‖‖B_i‖ (‖P_slab‖ ≤ ‖A_i‖‖B_i‖ by CG orthogonality); scaling
     * that to unit norm would produce non-equivariant noise.
     */
    public static final double ZERO_SLAB = 1e-10;

    private static double norm(double[] v, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) s += v[i] * v[i];
        return Math.sqrt(s);
    }

    private final Hypers hypers;
    /** Plans are immutable and depend only on the shapes and species of the expansions: built once per shape. */
    private final java.util.concurrent.ConcurrentHashMap<String, List<Plan>> planCache = new java.util.concurrent.ConcurrentHashMap<>();

    public EquivariantPowerSpectrum(Hypers hypers) {
        this.hypers = hypers;
    }

    public Hypers hypers() {
        return hypers;
    }

    /** ρ⊗ρ: the expansion with itself. */
    public BlockMap compute(Expansion a) {
        return compute(a, a);
    }

    /**
     * A⊗B. If {@code b} is the same object as {@code a} this is the self product and the pair
     * selection applies; otherwise all ordered pairs are kept and the centres must agree.
     */
    public BlockMap compute(Expansion a, Expansion b) {
        return compute(a, b, -1, 0);
    }

    /**
     * Only the blocks of key (λ, σ), for every centre species: the same values as
     * {@code compute(a, b)} restricted to that key, without computing the other λ (λ ≤ lambdaMax is
     * not required here). Empty if no (l1, l2) couples to (λ, σ).
     */
    public BlockMap computeBlock(Expansion a, Expansion b, int lambda, int sigma) {
        if (lambda < 0) throw new IllegalArgumentException("lambda must be >= 0: " + lambda);
        if (sigma != 1 && sigma != -1) throw new IllegalArgumentException("sigma must be +1 or -1: " + sigma);
        return compute(a, b, lambda, sigma);
    }

    /** onlyLambda &lt; 0: all λ ≤ lambdaMax and the configured parities; else just (onlyLambda, onlySigma). */
    private BlockMap compute(Expansion a, Expansion b, int onlyLambda, int onlySigma) {
        boolean self = a == b;
        if (!self) {
            if (!a.sameCentres(b)) throw new IllegalArgumentException("expansions describe different centres");
            if (hypers.pairs() != PairSelection.ALL_ORDERED)
                throw new IllegalArgumentException("pair selection " + hypers.pairs() + " drops information for A≠B;"
                        + " cross products keep all ordered (l1, l2) pairs");
        }
        List<Plan> plans = plans(a, b, self, onlyLambda, onlySigma);
        int[] zs = a.distinctCenterSpecies();
        int n = a.centres();
        int[] row = new int[n], zIndex = new int[n], counts = new int[zs.length];
        for (int i = 0; i < n; i++) {
            zIndex[i] = Arrays.binarySearch(zs, a.centerSpecies(i));
            row[i] = counts[zIndex[i]]++;
        }
        Labels[] samples = new Labels[zs.length];
        for (int z = 0; z < zs.length; z++) {
            int[] rows = new int[counts[z]];
            for (int i = 0, k = 0; i < n; i++) if (zIndex[i] == z) rows[k++] = i;
            samples[z] = a.samples().select(rows);
        }
        double[][][] values = new double[plans.size()][zs.length][];
        for (int p = 0; p < plans.size(); p++)
            for (int z = 0; z < zs.length; z++)
                values[p][z] = new double[Math.multiplyExact(counts[z], (2 * plans.get(p).lambda + 1) * plans.get(p).properties)];

        int k1 = a.lmStride(), k2 = b.lmStride();
        boolean normalise = hypers.normalisation() == Normalisation.PER_BLOCK_UNIT;
        Runnable work = () -> IntStream.range(0, n).parallel().forEach(i -> {
            double[] w = new double[(2 * a.lmax() + 1) * k2];
            double zero = normalise ? ZERO_SLAB * norm(a.values(), i * a.centreStride(), a.centreStride())
                    * norm(b.values(), i * b.centreStride(), b.centreStride()) : -1.0;
            for (int p = 0; p < plans.size(); p++) {
                Plan plan = plans.get(p);
                int stride = (2 * plan.lambda + 1) * plan.properties;
                plan.atom(a.values(), i * a.centreStride(), k1, b.values(), i * b.centreStride(), k2,
                        values[p][zIndex[i]], row[i] * stride, w, zero);
            }
        });
        if (n > 1) Threads.pool().submit(work).join();
        else work.run();

        TreeMap<Key, Block> blocks = new TreeMap<>();
        for (int p = 0; p < plans.size(); p++) {
            Plan plan = plans.get(p);
            Labels mu = Labels.mu(plan.lambda);
            for (int z = 0; z < zs.length; z++)
                blocks.put(new Key(plan.lambda, plan.sigma, zs[z]), new Block(samples[z], mu, plan.labels, values[p][z]));
        }
        return new BlockMap(blocks);
    }

    private List<Plan> plans(Expansion a, Expansion b, boolean self, int onlyLambda, int onlySigma) {
        String key = a.lmax() + "," + a.radialCount() + "," + Arrays.toString(a.species()) + "," + a.lmStride() + "|"
                + b.lmax() + "," + b.radialCount() + "," + Arrays.toString(b.species()) + "," + b.lmStride() + "|" + self + "|" + onlyLambda + "," + onlySigma;
        return planCache.computeIfAbsent(key, k -> List.copyOf(buildPlans(a, b, self, onlyLambda, onlySigma)));
    }

    private List<Plan> buildPlans(Expansion a, Expansion b, boolean self, int onlyLambda, int onlySigma) {
        List<Plan> out = new ArrayList<>();
        int from = onlyLambda < 0 ? 0 : onlyLambda, to = onlyLambda < 0 ? hypers.lambdaMax() : onlyLambda;
        for (int lambda = from; lambda <= to; lambda++)
            for (int sigma = 1; sigma >= -1; sigma -= 2) {
                if (onlyLambda < 0 ? !hypers.parities().includes(sigma) : sigma != onlySigma) continue;
                List<int[]> pairs = new ArrayList<>();
                for (int l1 = 0; l1 <= a.lmax(); l1++)
                    for (int l2 = 0; l2 <= b.lmax(); l2++) {
                        if (lambda < Math.abs(l1 - l2) || lambda > l1 + l2) continue;
                        if ((((l1 + l2 + lambda) & 1) == 0) != (sigma == 1)) continue;
                        if (self && hypers.pairs() != PairSelection.ALL_ORDERED && l1 > l2) continue;
                        pairs.add(new int[] {l1, l2});
                    }
                if (!pairs.isEmpty()) out.add(new Plan(lambda, sigma, pairs, a, b, self, hypers.pairs()));
            }
        return out;
    }

    /** Precomputed pairs, offsets, sparse CG and labels of one (λ, σ) block. */
    private static final class Plan {
        final int lambda, sigma, properties;
        final int[] l1, l2, offset;
        /** For A == B with all ordered pairs: the pair (l2, l1) to transpose from when l1 > l2, else −1. */
        final int[] mirror;
        final SparseClebschGordan[] cg;
        /** Per-entry coefficients with the pair weight folded in. */
        final double[][] coeff;
        final Labels labels;

        Plan(int lambda, int sigma, List<int[]> pairs, Expansion a, Expansion b, boolean self, PairSelection sel) {
            this.lambda = lambda;
            this.sigma = sigma;
            int np = pairs.size(), k1 = a.lmStride(), k2 = b.lmStride();
            l1 = new int[np];
            l2 = new int[np];
            offset = new int[np];
            mirror = new int[np];
            cg = new SparseClebschGordan[np];
            coeff = new double[np][];
            int f = 0;
            for (int p = 0; p < np; p++) {
                l1[p] = pairs.get(p)[0];
                l2[p] = pairs.get(p)[1];
                offset[p] = f;
                f = Math.addExact(f, k1 * k2);
                cg[p] = SparseClebschGordan.of(l1[p], l2[p], lambda);
                double weight = sel == PairSelection.L1_LE_L2_WEIGHTED && l1[p] < l2[p] ? SQRT2 : 1.0;
                coeff[p] = cg[p].value.clone();
                for (int e = 0; e < coeff[p].length; e++) coeff[p][e] *= weight;
                mirror[p] = -1;
            }
            if (self && sel == PairSelection.ALL_ORDERED)
                for (int p = 0; p < np; p++)
                    if (l1[p] > l2[p])
                        for (int q = 0; q < np; q++) if (l1[q] == l2[p] && l2[q] == l1[p]) mirror[p] = q;
            properties = f;
            if ((long) f * (2 * lambda + 1) > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("block too large");
            int na = a.radialCount(), nb = b.radialCount();
            int[] lab = new int[f * 6];
            int r = 0;
            for (int p = 0; p < np; p++)
                for (int s1 = 0; s1 < a.speciesCount(); s1++)
                    for (int n1 = 0; n1 < na; n1++)
                        for (int s2 = 0; s2 < b.speciesCount(); s2++)
                            for (int n2 = 0; n2 < nb; n2++) {
                                lab[r++] = l1[p];
                                lab[r++] = l2[p];
                                lab[r++] = a.species(s1);
                                lab[r++] = n1;
                                lab[r++] = b.species(s2);
                                lab[r++] = n2;
                            }
            labels = new Labels(PROPERTY_NAMES, lab);
        }

        /**
         * One centre: writes the (2λ+1)×F slab at out[o..]. A's (l, m) vector of length k1 starts at
         * a0 + (l²+l+m)·k1, likewise B; w is scratch of length (2·lmaxA+1)·k2. zeroNorm &lt; 0: no normalisation;
         * otherwise scale to unit norm, or to zero if the norm is ≤ zeroNorm.
         */
        void atom(double[] av, int a0, int k1, double[] bv, int b0, int k2, double[] out, int o, double[] w,
                double zeroNorm) {
            int f = properties;
            int nl = 2 * lambda + 1;
            for (int p = 0; p < l1.length; p++) {
                if (mirror[p] >= 0) continue;
                SparseClebschGordan c = cg[p];
                double[] val = coeff[p];
                int[] start = c.start, m2 = c.m2, m1 = c.m1, muStart = c.muStart;
                int aBase = a0 + l1[p] * l1[p] * k1, bBase = b0 + l2[p] * l2[p] * k2, oBase = o + offset[p];
                for (int u = 0; u < nl; u++) {
                    int g0 = muStart[u], g1 = muStart[u + 1];
                    // w[g−g0] = Σ_{m2} C(m1_g, m2, μ) B_{l2 m2}, one row of length k2 per group
                    for (int g = g0; g < g1; g++) {
                        int wo = (g - g0) * k2, e = start[g], end = start[g + 1];
                        double cv = val[e];
                        int bo = bBase + m2[e] * k2;
                        for (int q = 0; q < k2; q++) w[wo + q] = cv * bv[bo + q];
                        for (e++; e < end; e++) {
                            cv = val[e];
                            bo = bBase + m2[e] * k2;
                            for (int q = 0; q < k2; q++) w[wo + q] += cv * bv[bo + q];
                        }
                    }
                    // out[μ][(a1 n1), ·] += Σ_g A_{l1 m1_g}[(a1 n1)] · w_g, up to four groups fused per pass
                    int row = oBase + u * f;
                    for (int p1 = 0; p1 < k1; p1++, row += k2) {
                        int g = g0;
                        for (; g + 3 < g1; g += 4) {
                            double x0 = av[aBase + m1[g] * k1 + p1], x1 = av[aBase + m1[g + 1] * k1 + p1];
                            double x2 = av[aBase + m1[g + 2] * k1 + p1], x3 = av[aBase + m1[g + 3] * k1 + p1];
                            int w0 = (g - g0) * k2, w1 = w0 + k2, w2 = w1 + k2, w3 = w2 + k2;
                            for (int q = 0; q < k2; q++)
                                out[row + q] += x0 * w[w0 + q] + x1 * w[w1 + q] + x2 * w[w2 + q] + x3 * w[w3 + q];
                        }
                        for (; g + 1 < g1; g += 2) {
                            double x0 = av[aBase + m1[g] * k1 + p1], x1 = av[aBase + m1[g + 1] * k1 + p1];
                            int w0 = (g - g0) * k2, w1 = w0 + k2;
                            for (int q = 0; q < k2; q++) out[row + q] += x0 * w[w0 + q] + x1 * w[w1 + q];
                        }
                        if (g < g1) {
                            double x0 = av[aBase + m1[g] * k1 + p1];
                            int w0 = (g - g0) * k2;
                            for (int q = 0; q < k2; q++) out[row + q] += x0 * w[w0 + q];
                        }
                    }
                }
            }
            for (int p = 0; p < l1.length; p++) {
                int q = mirror[p];
                if (q < 0) continue;
                // (l1,l2) block = (−1)^{l1+l2+λ} × transpose over (a n) of the (l2,l1) block (k1 == k2 here)
                double sign = ((l1[p] + l2[p] + lambda) & 1) == 0 ? 1.0 : -1.0;
                for (int u = 0; u < 2 * lambda + 1; u++) {
                    int dst = o + u * f + offset[p], src = o + u * f + offset[q];
                    for (int i = 0; i < k1; i++)
                        for (int j = 0; j < k1; j++) out[dst + i * k1 + j] = sign * out[src + j * k1 + i];
                }
            }
            if (zeroNorm >= 0) {
                int len = (2 * lambda + 1) * f;
                double norm = norm(out, o, len);
                double s = norm > zeroNorm && norm > 0 ? 1.0 / norm : 0.0;
                for (int i = o; i < o + len; i++) out[i] *= s;
            }
        }
    }
}
