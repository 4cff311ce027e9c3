package org.equidens.descriptor;

import static org.equidens.descriptor.SyntheticEnvironments.applyD;
import static org.equidens.descriptor.SyntheticEnvironments.maxAbs;
import static org.equidens.descriptor.SyntheticEnvironments.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equidens.descriptor.EquivariantPowerSpectrum.Hypers;
import org.equidens.descriptor.EquivariantPowerSpectrum.Normalisation;
import org.equidens.descriptor.EquivariantPowerSpectrum.PairSelection;
import org.equidens.descriptor.SyntheticEnvironments.Env;
import org.equidens.math.Rotations;
import org.equidens.math.WignerD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Symmetry properties of λ-SOAP on synthetic expansions of random point clouds (exact, no radial
 * integrals involved): rotation equivariance of every block with D^λ (both parities, ρ⊗ρ and a
 * cross product of two different expansions), the inversion and reflection signs σ·(−1)^λ and σ·D^λ,
 * invariance under permutation of same-species neighbours, and unit norm after normalisation.
 * Errors are relative to the block's largest entry.
 */
class LambdaSoapSymmetryTest {
    private static final int[] SPECIES = {1, 6, 8};
    private static final int[] SPECIES_B = {6, 8};
    private static final int LMAX = 4, N = 3, LMAX_B = 3, N_B = 2, LAMBDA_MAX = 5;
    private static final double TOL = 1e-10;
    private static int zeroedSlabs;
    private static double maxErrorOfLargeBlocks;
    private static double maxRotationError, maxImproperError, maxInversionError, maxPermutationError, maxNormError;

    @AfterAll
    static void report() {
        System.out.printf("λ-SOAP (blocks ≥ 1%% of the largest): max |P(RX) − D P(X)| / max|P| = %.2e%n", maxErrorOfLargeBlocks);
        System.out.printf("λ-SOAP max relative errors: rotation %.2e, improper %.2e, inversion %.2e, permutation %.2e, |norm−1| %.2e; %d rounding-residue slabs zeroed%n",
                maxRotationError, maxImproperError, maxInversionError, maxPermutationError, maxNormError, zeroedSlabs);
    }

    private static PairSelection selection(int seed) {
        return PairSelection.values()[seed % 3];
    }

    /**
     * Scale for relative errors: the block's largest entry, floored at 1e-4 of the largest entry of
     * all blocks, since some blocks vanish identically (e.g. σ=−1 for a centre with one neighbour,
     * where every coupled pair is parallel) and then hold pure rounding residue.
     */
    static double scale(BlockMap m, Key k) {
        return Math.max(maxAbs(m.get(k).values()), 1e-4 * globalMax(m));
    }

    static double globalMax(BlockMap m) {
        double global = 0;
        for (Block b : m.blocks()) global = Math.max(global, maxAbs(b.values()));
        return global;
    }

    /** max over blocks of |P(RX) − sign(σ)·D^λ(R)·P(X)| / scale. */
    private static double equivarianceError(BlockMap before, BlockMap after, double[] rot, boolean pseudoFlips) {
        return equivarianceError(before, after, rot, pseudoFlips, LAMBDA_MAX);
    }

    private static double equivarianceError(BlockMap before, BlockMap after, double[] rot, boolean pseudoFlips, int lambdaMax) {
        assertEquals(before.keys(), after.keys());
        double[][] d = WignerD.upTo(lambdaMax, rot);
        double worst = 0;
        for (Key k : before.keys()) {
            Block b = before.get(k), a = after.get(k);
            assertEquals(b.properties(), a.properties());
            double[] expected = applyD(b, d[k.lambda()]);
            if (pseudoFlips && k.sigma() < 0) for (int i = 0; i < expected.length; i++) expected[i] = -expected[i];
            double scale = scale(before, k);
            if (scale == 0) continue;
            double diff = maxAbsDiff(expected, a.values()), err = diff / scale;
            assertTrue(err < TOL, k + " equivariance error " + err + " (block max " + maxAbs(b.values()) + ")");
            if (maxAbs(b.values()) >= 1e-2 * globalMax(before)) // blocks within 1% of the largest block
                maxErrorOfLargeBlocks = Math.max(maxErrorOfLargeBlocks, diff / maxAbs(b.values()));
            worst = Math.max(worst, err);
        }
        return worst;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void selfProductRotatesWithWignerD(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        Env[] envs = SyntheticEnvironments.environments(rng, 5, SPECIES, 8);
        double[] rot = Rotations.random(rng);
        EquivariantPowerSpectrum ps = new EquivariantPowerSpectrum(Hypers.of(LAMBDA_MAX).withPairs(selection(seed)));
        BlockMap p = ps.compute(SyntheticEnvironments.expand(envs, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS));
        BlockMap q = ps.compute(SyntheticEnvironments.expand(SyntheticEnvironments.transform(envs, rot), LMAX, N, SPECIES,
                SyntheticEnvironments.POLY_GAUSS));
        assertTrue(p.keys().stream().anyMatch(k -> k.sigma() < 0), "pseudo-tensor blocks present");
        maxRotationError = Math.max(maxRotationError, equivarianceError(p, q, rot, false));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void crossProductRotatesWithWignerD(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        Env[] envs = SyntheticEnvironments.environments(rng, 5, SPECIES, 8);
        double[] rot = Rotations.random(rng);
        Env[] rotated = SyntheticEnvironments.transform(envs, rot);
        EquivariantPowerSpectrum ps = new EquivariantPowerSpectrum(Hypers.of(LAMBDA_MAX)
                .withNormalisation(seed % 2 == 0 ? Normalisation.NONE : Normalisation.PER_BLOCK_UNIT));
        BlockMap p = ps.compute(SyntheticEnvironments.expand(envs, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS),
                SyntheticEnvironments.expand(envs, LMAX_B, N_B, SPECIES_B, SyntheticEnvironments.DAMPED));
        BlockMap q = ps.compute(SyntheticEnvironments.expand(rotated, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS),
                SyntheticEnvironments.expand(rotated, LMAX_B, N_B, SPECIES_B, SyntheticEnvironments.DAMPED));
        maxRotationError = Math.max(maxRotationError, equivarianceError(p, q, rot, false));
    }

    /** High angular momenta (lmax 8, λ ≤ 8) with few radial channels: the full CG range of the reference hypers. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void highAngularMomentumRotates(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        int[] species = {1, 8};
        Env[] envs = SyntheticEnvironments.environments(rng, 3, species, 12);
        double[] rot = Rotations.random(rng);
        EquivariantPowerSpectrum ps = new EquivariantPowerSpectrum(Hypers.of(8).withPairs(selection(seed)));
        BlockMap p = ps.compute(SyntheticEnvironments.expand(envs, 8, 2, species, SyntheticEnvironments.POLY_GAUSS));
        BlockMap q = ps.compute(SyntheticEnvironments.expand(SyntheticEnvironments.transform(envs, rot), 8, 2, species,
                SyntheticEnvironments.POLY_GAUSS));
        maxRotationError = Math.max(maxRotationError, equivarianceError(p, q, rot, false, 8));
    }

    /** Improper R = −R₀: σ=+1 blocks follow D^λ(R) (which contains (−1)^λ); σ=−1 blocks get an extra −1. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void reflectionFlipsPseudoTensorBlocks(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        Env[] envs = SyntheticEnvironments.environments(rng, 5, SPECIES, 8);
        double[] rot = seed % 2 == 0 ? Rotations.improperRandom(rng)
                : Rotations.multiply(Rotations.random(rng), new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1}); // mirror z
        assertTrue(Rotations.determinant(rot) < 0);
        boolean cross = seed % 3 == 0;
        EquivariantPowerSpectrum ps = new EquivariantPowerSpectrum(Hypers.of(LAMBDA_MAX));
        Env[] reflected = SyntheticEnvironments.transform(envs, rot);
        Expansion a = SyntheticEnvironments.expand(envs, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS);
        Expansion ar = SyntheticEnvironments.expand(reflected, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS);
        BlockMap p, q;
        if (cross) {
            p = ps.compute(a, SyntheticEnvironments.expand(envs, LMAX_B, N_B, SPECIES_B, SyntheticEnvironments.DAMPED));
            q = ps.compute(ar, SyntheticEnvironments.expand(reflected, LMAX_B, N_B, SPECIES_B, SyntheticEnvironments.DAMPED));
        } else {
            p = ps.compute(a);
            q = ps.compute(ar);
        }
        maxImproperError = Math.max(maxImproperError, equivarianceError(p, q, rot, true));
        // and the σ=−1 blocks really are not plain D^λ-equivariant under reflection
        double[][] d = WignerD.upTo(LAMBDA_MAX, rot);
        for (Key k : p.keys())
            if (k.sigma() < 0 && maxAbs(p.get(k).values()) > 1e-6)
                assertTrue(maxAbsDiff(applyD(p.get(k), d[k.lambda()]), q.get(k).values()) > 1e-3 * maxAbs(p.get(k).values()), k.toString());
    }

    /** r → −r: each block is multiplied by σ·(−1)^λ (checked as a scalar, no Wigner matrices). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void inversionMultipliesBySigmaTimesMinusOneToLambda(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        Env[] envs = SyntheticEnvironments.environments(rng, 5, SPECIES, 8);
        Env[] inverted = SyntheticEnvironments.transform(envs, new double[] {-1, 0, 0, 0, -1, 0, 0, 0, -1});
        EquivariantPowerSpectrum ps = new EquivariantPowerSpectrum(Hypers.of(LAMBDA_MAX).withPairs(selection(seed)));
        boolean cross = seed % 2 == 1;
        BlockMap p, q;
        if (cross) {
            EquivariantPowerSpectrum pc = new EquivariantPowerSpectrum(Hypers.of(LAMBDA_MAX));
            p = pc.compute(SyntheticEnvironments.expand(envs, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS),
                    SyntheticEnvironments.expand(envs, LMAX_B, N_B, SPECIES_B, SyntheticEnvironments.DAMPED));
            q = pc.compute(SyntheticEnvironments.expand(inverted, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS),
                    SyntheticEnvironments.expand(inverted, LMAX_B, N_B, SPECIES_B, SyntheticEnvironments.DAMPED));
        } else {
            p = ps.compute(SyntheticEnvironments.expand(envs, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS));
            q = ps.compute(SyntheticEnvironments.expand(inverted, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS));
        }
        for (Key k : p.keys()) {
            double sign = k.sigma() * ((k.lambda() & 1) == 0 ? 1.0 : -1.0);
            double[] v = p.get(k).values(), w = q.get(k).values(), expected = new double[v.length];
            for (int i = 0; i < v.length; i++) expected[i] = sign * v[i];
            double scale = scale(p, k);
            if (scale == 0) continue;
            double err = maxAbsDiff(expected, w) / scale;
            assertTrue(err < TOL, k + " inversion error " + err);
            maxInversionError = Math.max(maxInversionError, err);
        }
    }

    /** Shuffling the points of one species among themselves changes nothing (up to summation order). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void permutingSameSpeciesNeighboursChangesNothing(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        Env[] envs = SyntheticEnvironments.environments(rng, 5, SPECIES, 10);
        int z = SPECIES[rng.nextInt(SPECIES.length)];
        Env[] permuted = new Env[envs.length];
        for (int i = 0; i < envs.length; i++) {
            Env e = envs[i];
            int[] slots = java.util.stream.IntStream.range(0, e.size()).filter(j -> e.species()[j] == z).toArray();
            int[] perm = slots.clone();
            for (int j = perm.length - 1; j > 0; j--) {
                int r = rng.nextInt(j + 1), t = perm[j];
                perm[j] = perm[r];
                perm[r] = t;
            }
            double[] xyz = e.xyz().clone();
            for (int j = 0; j < slots.length; j++) System.arraycopy(e.xyz(), 3 * perm[j], xyz, 3 * slots[j], 3);
            permuted[i] = new Env(e.centerSpecies(), xyz, e.species());
        }
        EquivariantPowerSpectrum ps = new EquivariantPowerSpectrum(Hypers.of(LAMBDA_MAX).withPairs(selection(seed)));
        BlockMap p = ps.compute(SyntheticEnvironments.expand(envs, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS));
        BlockMap q = ps.compute(SyntheticEnvironments.expand(permuted, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS));
        assertEquals(p.keys(), q.keys());
        for (Key k : p.keys()) {
            double scale = scale(p, k);
            if (scale == 0) continue;
            double err = maxAbsDiff(p.get(k).values(), q.get(k).values()) / scale;
            assertTrue(err < 1e-12, k + " permutation error " + err);
            maxPermutationError = Math.max(maxPermutationError, err);
        }
    }

    /** PER_BLOCK_UNIT: every environment's slab of every block has Σ_{μ,f} P² = 1, and stays equivariant. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.equidens.descriptor.SyntheticEnvironments#seeds")
    void normalisedBlocksHaveUnitNorm(int seed) {
        SplittableRandom rng = SyntheticEnvironments.rng(seed);
        Env[] envs = SyntheticEnvironments.environments(rng, 6, SPECIES, 8);
        double[] rot = Rotations.random(rng);
        EquivariantPowerSpectrum ps = new EquivariantPowerSpectrum(
                Hypers.of(LAMBDA_MAX).withPairs(selection(seed)).withNormalisation(Normalisation.PER_BLOCK_UNIT));
        EquivariantPowerSpectrum raw = new EquivariantPowerSpectrum(Hypers.of(LAMBDA_MAX).withPairs(selection(seed)));
        Expansion a = SyntheticEnvironments.expand(envs, LMAX, N, SPECIES, SyntheticEnvironments.POLY_GAUSS);
        BlockMap p = ps.compute(a), r = raw.compute(a);
        for (Key k : p.keys()) {
            Block b = p.get(k), braw = r.get(k);
            int slab = b.componentCount() * b.propertyCount();
            for (int s = 0; s < b.sampleCount(); s++) {
                double ss = 0, raw2 = 0;
                for (int i = b.sampleOffset(s); i < b.sampleOffset(s) + slab; i++) {
                    ss += b.values()[i] * b.values()[i];
                    raw2 += braw.values()[i] * braw.values()[i];
                }
                if (ss == 0) {
                    // only a slab that vanishes up to rounding may be zeroed
                    double na = 0;
                    for (int l = 0; l <= LMAX; l++)
                        for (int m = -l; m <= l; m++)
                            for (int x = 0; x < SPECIES.length; x++)
                                for (int n = 0; n < N; n++) na += a.get(b.samples().get(s, "atom"), l, m, x, n) * a.get(b.samples().get(s, "atom"), l, m, x, n);
                    assertTrue(Math.sqrt(raw2) <= EquivariantPowerSpectrum.ZERO_SLAB * na, k + " sample " + s + " zeroed");
                    zeroedSlabs++;
                    continue;
                }
                assertEquals(1.0, ss, 1e-12, k + " sample " + s);
                maxNormError = Math.max(maxNormError, Math.abs(ss - 1));
                // the normalised slab is the raw one divided by its norm
                double scale = 1 / Math.sqrt(raw2);
                for (int i = b.sampleOffset(s); i < b.sampleOffset(s) + slab; i++)
                    assertEquals(braw.values()[i] * scale, b.values()[i], 1e-14);
            }
        }
        BlockMap q = ps.compute(SyntheticEnvironments.expand(SyntheticEnvironments.transform(envs, rot), LMAX, N, SPECIES,
                SyntheticEnvironments.POLY_GAUSS));
        maxRotationError = Math.max(maxRotationError, equivarianceError(p, q, rot, false));
    }
}
