package org.equidens.descriptor;

import static org.equidens.descriptor.SyntheticEnvironments.maxAbs;
import static org.equidens.descriptor.SyntheticEnvironments.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.equidens.descriptor.EquivariantPowerSpectrum.Hypers;
import org.equidens.descriptor.EquivariantPowerSpectrum.Normalisation;
import org.equidens.descriptor.EquivariantPowerSpectrum.PairSelection;
import org.equidens.descriptor.EquivariantPowerSpectrum.Parities;
import org.equidens.math.ClebschGordan;
import org.equidens.math.SphericalHarmonics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * λ-SOAP against its definition: every labelled feature equals Σ C·A·B evaluated naively from the
 * dense CG table and the labels; the block structure (which keys, which (l1, l2) pairs); the
 * coupling identity for a single neighbour; the mirror relation and √2-weighted equivalence for
 * ρ⊗ρ; the sparse CG tables; argument checks and hyperparameter serialisation.
 */
class EquivariantPowerSpectrumTest {
    private static final int[] SPECIES = {1, 6, 8};

    /** Naive P for one labelled property of one sample. */
    private static double naive(Expansion a, Expansion b, int centre, int lambda, int mu, int[] prop, double weight) {
        int l1 = prop[0], l2 = prop[1], a1 = a.speciesIndex(prop[2]), n1 = prop[3], a2 = b.speciesIndex(prop[4]), n2 = prop[5];
        double[] c = ClebschGordan.real(l1, l2, lambda);
        int d2 = 2 * l2 + 1, dl = 2 * lambda + 1;
        double s = 0;
        for (int m1 = -l1; m1 <= l1; m1++)
            for (int m2 = -l2; m2 <= l2; m2++)
                s += c[((m1 + l1) * d2 + m2 + l2) * dl + mu + lambda] * a.get(centre, l1, m1, a1, n1) * b.get(centre, l2, m2, a2, n2);
        return weight * s;
    }

    /** Expected (l1, l2) pairs of block (λ, σ). */
    private static List<String> expectedPairs(int lmaxA, int lmaxB, int lambda, int sigma, boolean sorted) {
        List<String> out = new ArrayList<>();
        for (int l1 = 0; l1 <= lmaxA; l1++)
            for (int l2 = 0; l2 <= lmaxB; l2++)
                if (Math.abs(l1 - l2) <= lambda && lambda <= l1 + l2 && (((l1 + l2 + lambda) & 1) == 0) == (sigma == 1)
                        && (!sorted || l1 <= l2))
                    out.add(l1 + "," + l2);
        return out;
    }

    private static void checkAgainstDefinition(Expansion a, Expansion b, BlockMap map, Hypers h) {
        boolean self = a == b, sorted = self && h.pairs() != PairSelection.ALL_ORDERED;
        int lmaxA = a.lmax(), lmaxB = b.lmax();
        // keys: exactly the non-empty (λ, σ) for each centre species
        TreeSet<Key> expectedKeys = new TreeSet<>();
        for (int lambda = 0; lambda <= h.lambdaMax(); lambda++)
            for (int sigma : new int[] {1, -1})
                if (h.parities().includes(sigma) && !expectedPairs(lmaxA, lmaxB, lambda, sigma, sorted).isEmpty())
                    for (int z : a.distinctCenterSpecies()) expectedKeys.add(new Key(lambda, sigma, z));
        assertEquals(new ArrayList<>(expectedKeys), map.keys());
        for (Key k : map.keys()) {
            Block blk = map.get(k);
            assertEquals(Labels.mu(k.lambda()), blk.components());
            assertArrayEquals(EquivariantPowerSpectrum.propertyNames(), blk.properties().names());
            // pairs present, in order, each with the full (a1 n1 a2 n2) product
            List<String> pairs = new ArrayList<>();
            for (int p = 0; p < blk.propertyCount(); p++) {
                String pair = blk.properties().get(p, 0) + "," + blk.properties().get(p, 1);
                if (pairs.isEmpty() || !pairs.get(pairs.size() - 1).equals(pair)) pairs.add(pair);
            }
            assertEquals(expectedPairs(lmaxA, lmaxB, k.lambda(), k.sigma(), sorted), pairs, k.toString());
            assertEquals(pairs.size() * a.lmStride() * b.lmStride(), blk.propertyCount());
            // samples: the centres of that species, in order
            int[] rows = java.util.stream.IntStream.range(0, a.centres()).filter(i -> a.centerSpecies(i) == k.centerSpecies()).toArray();
            assertEquals(a.samples().select(rows), blk.samples());
            for (int s = 0; s < blk.sampleCount(); s++) {
                int centre = blk.samples().get(s, "atom");
                for (int u = 0; u < blk.componentCount(); u++)
                    for (int p = 0; p < blk.propertyCount(); p++) {
                        int[] prop = blk.properties().row(p);
                        double w = h.pairs() == PairSelection.L1_LE_L2_WEIGHTED && prop[0] < prop[1] ? Math.sqrt(2) : 1;
                        double expected = naive(a, b, centre, k.lambda(), u - k.lambda(), prop, w);
                        assertEquals(expected, blk.get(s, u, p), 1e-13 * (1 + Math.abs(expected)), k + " " + java.util.Arrays.toString(prop));
                    }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void selfProductMatchesNaiveDefinition(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        int[] centers = new int[4];
        for (int i = 0; i < centers.length; i++) centers[i] = SPECIES[rng.nextInt(SPECIES.length)];
        int lmax = 1 + rng.nextInt(3);
        Expansion a = SyntheticEnvironments.gaussian(rng, lmax, 1 + rng.nextInt(3), SPECIES, centers);
        PairSelection sel = PairSelection.values()[seed % 3];
        Parities par = Parities.values()[(seed / 3) % 3];
        Hypers h = new Hypers(rng.nextInt(2 * lmax + 2), par, Normalisation.NONE, sel);
        checkAgainstDefinition(a, a, new EquivariantPowerSpectrum(h).compute(a), h);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void crossProductMatchesNaiveDefinition(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        int[] centers = new int[3];
        for (int i = 0; i < centers.length; i++) centers[i] = SPECIES[rng.nextInt(SPECIES.length)];
        Expansion a = SyntheticEnvironments.gaussian(rng, 1 + rng.nextInt(3), 1 + rng.nextInt(3), SPECIES, centers);
        Expansion b = SyntheticEnvironments.gaussian(rng, rng.nextInt(3), 1 + rng.nextInt(2), new int[] {6, 8}, centers);
        Hypers h = new Hypers(rng.nextInt(6), Parities.values()[seed % 3], Normalisation.NONE, PairSelection.ALL_ORDERED);
        checkAgainstDefinition(a, b, new EquivariantPowerSpectrum(h).compute(a, b), h);
    }

    /** ρ⊗ρ: block (l2, l1) = (−1)^{l1+l2+λ} × block (l1, l2) with (a1,n1) ↔ (a2,n2) — checked via labels. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void mirroredPairsDifferBySignAndSwap(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        int[] centers = {6, 1, 6};
        Expansion a = SyntheticEnvironments.gaussian(rng, 3, 2, SPECIES, centers);
        // computing with a copy forces the direct (cross) path for every ordered pair
        Expansion copy = new Expansion(a.lmax(), a.radialCount(), a.species(), a.centerSpecies(), a.samples(), a.values().clone());
        BlockMap self = new EquivariantPowerSpectrum(Hypers.of(5)).compute(a);
        BlockMap direct = new EquivariantPowerSpectrum(Hypers.of(5)).compute(a, copy);
        assertEquals(self.keys(), direct.keys());
        for (Key k : self.keys()) {
            Block b = direct.get(k);
            assertEquals(b.properties(), self.get(k).properties());
            assertTrue(maxAbsDiff(b.values(), self.get(k).values()) <= 1e-14 * (1 + maxAbs(b.values())), k.toString());
            for (int p = 0; p < b.propertyCount(); p++) {
                int[] r = b.properties().row(p);
                int q = b.properties().position(r[1], r[0], r[4], r[5], r[2], r[3]);
                assertTrue(q >= 0);
                double sign = ((r[0] + r[1] + k.lambda()) & 1) == 0 ? 1 : -1;
                for (int s = 0; s < b.sampleCount(); s++)
                    for (int u = 0; u < b.componentCount(); u++)
                        assertEquals(sign * b.get(s, u, q), b.get(s, u, p), 1e-13 * (1 + Math.abs(b.get(s, u, p))));
            }
        }
    }

    /** The √2-weighted l1 ≤ l2 features give the same (2λ+1)² kernels between environments as all ordered pairs. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void weightedSortedPairsReproduceOrderedKernels(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        int[] centers = {8, 8, 1, 8};
        Expansion a = SyntheticEnvironments.gaussian(rng, 3, 2, SPECIES, centers);
        Normalisation norm = seed % 2 == 0 ? Normalisation.NONE : Normalisation.PER_BLOCK_UNIT;
        BlockMap ordered = new EquivariantPowerSpectrum(Hypers.of(4).withNormalisation(norm)).compute(a);
        BlockMap weighted = new EquivariantPowerSpectrum(Hypers.of(4).withNormalisation(norm)
                .withPairs(PairSelection.L1_LE_L2_WEIGHTED)).compute(a);
        BlockMap featomic = new EquivariantPowerSpectrum(Hypers.of(4).withPairs(PairSelection.L1_LE_L2)).compute(a);
        assertEquals(ordered.keys(), weighted.keys());
        for (Key k : ordered.keys()) {
            double[] ko = kernel(ordered.get(k)), kw = kernel(weighted.get(k));
            assertTrue(maxAbsDiff(ko, kw) <= 1e-12 * (1 + maxAbs(ko)), k.toString());
            assertEquals(featomic.get(k).properties(), weighted.get(k).properties());
        }
    }

    /** K[s,t][μ,ν] = Σ_f P_sμf P_tνf for all sample pairs. */
    private static double[] kernel(Block b) {
        int n = b.sampleCount(), c = b.componentCount(), f = b.propertyCount();
        double[] k = new double[n * n * c * c];
        for (int s = 0; s < n; s++)
            for (int t = 0; t < n; t++)
                for (int u = 0; u < c; u++)
                    for (int v = 0; v < c; v++) {
                        double x = 0;
                        for (int p = 0; p < f; p++) x += b.get(s, u, p) * b.get(t, v, p);
                        k[((s * n + t) * c + u) * c + v] = x;
                    }
        return k;
    }

    /**
     * One neighbour at r̂ with one radial function R=1 (c_lm = Y_lm(r̂)): the σ=+1 features are
     * sqrt((2l1+1)(2l2+1)/(4π(2λ+1)))·⟨l1 0 l2 0|λ 0⟩·Y_λμ(r̂) (the coupling identity), the σ=−1
     * ones vanish. Pins the absolute CG convention, not only its equivariance.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void singleNeighbourFollowsCouplingIdentity(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        int lmax = 5;
        SyntheticEnvironments.Env env = SyntheticEnvironments.environments(rng, 1, new int[] {6}, 1)[0];
        Expansion a = SyntheticEnvironments.expand(new SyntheticEnvironments.Env[] {env}, lmax, 1, new int[] {6}, (n, r) -> 1.0);
        double[] x = env.xyz();
        double[] y = new double[SphericalHarmonics.size(2 * lmax)];
        new SphericalHarmonics(2 * lmax).compute(x[0], x[1], x[2], y);
        BlockMap map = new EquivariantPowerSpectrum(Hypers.of(2 * lmax)).compute(a);
        for (Key k : map.keys()) {
            Block b = map.get(k);
            int lambda = k.lambda();
            for (int p = 0; p < b.propertyCount(); p++) {
                int l1 = b.properties().get(p, "l_1"), l2 = b.properties().get(p, "l_2");
                double f = k.sigma() < 0 ? 0 : Math.sqrt((2 * l1 + 1) * (2 * l2 + 1) / (4 * Math.PI * (2 * lambda + 1)))
                        * ClebschGordan.complex(l1, 0, l2, 0, lambda, 0);
                for (int mu = -lambda; mu <= lambda; mu++)
                    assertEquals(f * y[lambda * lambda + lambda + mu], b.get(0, mu + lambda, p), 1e-13, k + " l1=" + l1 + " l2=" + l2);
            }
        }
        // the documented special values: (1,1)→0 = −1/√3·Y1·Y1 ... → −0.4886·Y00 for the coupling of Y_1 with itself
        Block b0 = map.block(0, 1, 6);
        int p11 = b0.properties().position(1, 1, 6, 0, 6, 0);
        assertEquals(-0.4886025119 * y[0], b0.get(0, 0, p11), 1e-9);
    }

    @Test
    void sparseClebschGordanHoldsEveryNonzeroEntry() {
        long nnz = 0, dense = 0;
        for (int l1 = 0; l1 <= 8; l1++)
            for (int l2 = 0; l2 <= 8; l2++)
                for (int lambda = Math.abs(l1 - l2); lambda <= l1 + l2; lambda++) {
                    SparseClebschGordan s = SparseClebschGordan.of(l1, l2, lambda);
                    double[] c = ClebschGordan.real(l1, l2, lambda), rebuilt = new double[c.length];
                    int d2 = 2 * l2 + 1, dl = 2 * lambda + 1;
                    for (int g = 0; g < s.groups(); g++) {
                        assertTrue(s.start[g + 1] > s.start[g], "no empty groups");
                        for (int e = s.start[g]; e < s.start[g + 1]; e++)
                            rebuilt[(s.m1[g] * d2 + s.m2[e]) * dl + s.mu[g]] = s.value[e];
                    }
                    assertTrue(maxAbsDiff(c, rebuilt) <= SparseClebschGordan.ZERO, "(" + l1 + "," + l2 + ")→" + lambda);
                    for (double v : s.value) assertTrue(Math.abs(v) > 1e-6, "dropped entries are residue, kept ones are O(1)");
                    nnz += s.nonzeros();
                    dense += c.length;
                }
        System.out.printf("real CG l ≤ 8: %d of %d entries nonzero (%.1f%%)%n", nnz, dense, 100.0 * nnz / dense);
        assertTrue(nnz < dense / 2);
    }

    @Test
    void rejectsLossyOrInconsistentInputs() {
        Expansion a = new Expansion(2, 2, SPECIES, new int[] {1, 6});
        Expansion b = new Expansion(2, 2, SPECIES, new int[] {1, 6});
        Expansion other = new Expansion(2, 2, SPECIES, new int[] {6, 6});
        assertThrows(IllegalArgumentException.class,
                () -> new EquivariantPowerSpectrum(Hypers.of(2).withPairs(PairSelection.L1_LE_L2)).compute(a, b));
        assertThrows(IllegalArgumentException.class,
                () -> new EquivariantPowerSpectrum(Hypers.of(2).withPairs(PairSelection.L1_LE_L2_WEIGHTED)).compute(a, b));
        assertThrows(IllegalArgumentException.class, () -> new EquivariantPowerSpectrum(Hypers.of(2)).compute(a, other));
        assertThrows(IllegalArgumentException.class, () -> new Hypers(-1, Parities.BOTH, Normalisation.NONE, PairSelection.ALL_ORDERED));
        assertThrows(IllegalArgumentException.class, () -> new Hypers(1, null, Normalisation.NONE, PairSelection.ALL_ORDERED));
        // ρ⊗ρ has no λ=0 pseudo-tensor block; λ beyond 2·lmax gives no blocks
        BlockMap m = new EquivariantPowerSpectrum(Hypers.of(6)).compute(a);
        assertTrue(m.keys().stream().noneMatch(k -> k.lambda() == 0 && k.sigma() < 0));
        assertTrue(m.keys().stream().allMatch(k -> k.lambda() <= 4));
        // an all-zero expansion normalises to zeros, not NaN
        BlockMap z = new EquivariantPowerSpectrum(Hypers.of(2).withNormalisation(Normalisation.PER_BLOCK_UNIT)).compute(a);
        for (Block blk : z.blocks()) for (double v : blk.values()) assertTrue(v == 0.0, "zero, not NaN: " + v);
    }

    @Test
    void hypersRoundTripThroughJsonAndJavaSerialisation() throws Exception {
        Hypers h = new Hypers(5, Parities.PSEUDO, Normalisation.PER_BLOCK_UNIT, PairSelection.L1_LE_L2_WEIGHTED);
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(h);
        assertTrue(text.contains("\"lambdaMax\":5"), text);
        assertEquals(h, json.readValue(text, Hypers.class));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(h);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(h, in.readObject());
        }
        assertEquals(new Hypers(3, Parities.BOTH, Normalisation.NONE, PairSelection.ALL_ORDERED), Hypers.of(3));
    }
}
