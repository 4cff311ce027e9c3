package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equidens.math.Rotations;
import org.equidens.math.WignerD;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded property tests of {@link LodeSphericalExpansion} (molecular and periodic) and its input checks. */
class LodeSphericalExpansionTest {
    private static final int[] SPECIES = {1, 6, 8};
    private static final LodeSphericalExpansion MOLECULAR = new LodeSphericalExpansion(
            LodeSphericalExpansion.Hyperparameters.of(0.3, 1, 3.0, 5, 4));
    private static final LodeSphericalExpansion PERIODIC = new LodeSphericalExpansion(
            LodeSphericalExpansion.Hyperparameters.of(0.4, 1, 2.5, 4, 3));

    static IntStream seeds() {
        return IntStream.range(0, 8);
    }

    static IntStream fewSeeds() {
        return IntStream.range(0, 3);
    }

    private static SplittableRandom rng(int seed) {
        return new SplittableRandom(0x10DE_0000L + seed);
    }

    /** Random atoms (types from {1, 6, 8}) with positions in [0, box)³ and no pair closer than 0.7 Å. */
    static double[] randomPositions(SplittableRandom rng, int n, double box) {
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            boolean ok;
            do {
                for (int k = 0; k < 3; k++) p[3 * i + k] = box * rng.nextDouble();
                ok = true;
                for (int j = 0; j < i && ok; j++) {
                    double dx = p[3 * i] - p[3 * j], dy = p[3 * i + 1] - p[3 * j + 1], dz = p[3 * i + 2] - p[3 * j + 2];
                    ok = dx * dx + dy * dy + dz * dz > 0.49;
                }
            } while (!ok);
        }
        return p;
    }

    static int[] randomTypes(SplittableRandom rng, int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = SPECIES[i < 3 ? i : rng.nextInt(3)];
        return t;
    }

    static double[] rotate(double[] r, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i += 3) {
            double[] w = Rotations.apply(r, v[i], v[i + 1], v[i + 2]);
            System.arraycopy(w, 0, out, i, 3);
        }
        return out;
    }

    /** max |c(R·X) − D(R)·c(X)| over all centres, species, n and l blocks. */
    static double equivarianceError(LodeSphericalExpansion.Layout layout, int centres, double[] c, double[] rotated, double[] r) {
        double[][] d = WignerD.upTo(layout.maxAngular(), r);
        int per = layout.perCentre();
        double worst = 0;
        for (int i = 0; i < centres; i++) {
            for (int a = 0; a < layout.speciesCount(); a++) {
                for (int n = 0; n < layout.radialSize(); n++) {
                    for (int l = 0; l <= layout.maxAngular(); l++) {
                        int dim = 2 * l + 1;
                        for (int mu = 0; mu < dim; mu++) {
                            double expected = 0;
                            for (int nu = 0; nu < dim; nu++) {
                                expected += d[l][mu * dim + nu] * c[i * per + layout.index(l, nu - l, a, n)];
                            }
                            worst = Math.max(worst, Math.abs(expected - rotated[i * per + layout.index(l, mu - l, a, n)]));
                        }
                    }
                }
            }
        }
        return worst;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    // ------------------------------------------------------------------------------------ molecules

    @ParameterizedTest(name = "molecule rotation equivariance, seed {0}")
    @MethodSource("seeds")
    void moleculeRotationEquivariance(int seed) {
        SplittableRandom rng = rng(seed);
        int n = 4 + rng.nextInt(8);
        double[] pos = randomPositions(rng, n, 7.0);
        int[] types = randomTypes(rng, n);
        var layout = new LodeSphericalExpansion.Layout(SPECIES, 5, 4);
        double[] r = (seed & 1) == 0 ? Rotations.random(rng) : Rotations.improperRandom(rng);
        double[] c = MOLECULAR.computeMolecule(pos, types, layout);
        double[] cr = MOLECULAR.computeMolecule(rotate(r, pos), types, layout);
        double err = equivarianceError(layout, n, c, cr, r);
        assertTrue(err < 1e-10, "equivariance error " + err);
        System.out.printf("molecule seed %d (%d atoms): equivariance error %.1e%n", seed, n, err);
    }

    @ParameterizedTest(name = "molecule translation invariance, seed {0}")
    @MethodSource("seeds")
    void moleculeTranslationInvariance(int seed) {
        SplittableRandom rng = rng(seed);
        int n = 3 + rng.nextInt(8);
        double[] pos = randomPositions(rng, n, 6.0);
        int[] types = randomTypes(rng, n);
        var layout = new LodeSphericalExpansion.Layout(SPECIES, 5, 4);
        double[] shifted = pos.clone();
        double[] t = {20 * rng.nextDouble() - 10, 20 * rng.nextDouble() - 10, 20 * rng.nextDouble() - 10};
        for (int i = 0; i < shifted.length; i++) shifted[i] += t[i % 3];
        double err = maxAbsDiff(MOLECULAR.computeMolecule(pos, types, layout), MOLECULAR.computeMolecule(shifted, types, layout));
        assertTrue(err < 1e-12, "translation changed the features by " + err);
    }

    @ParameterizedTest(name = "molecule spline vs exact integrals and far pairs, seed {0}")
    @MethodSource("fewSeeds")
    void moleculeSplineMatchesExactAndFarPairsUseTail(int seed) {
        SplittableRandom rng = rng(seed);
        int n = 6;
        double[] pos = randomPositions(rng, n, 30.0); // many pairs beyond the tail radius (≈ 14 Å here)
        int[] types = randomTypes(rng, n);
        var h = MOLECULAR.hyperparameters();
        var exact = new LodeSphericalExpansion(h.withSplineAccuracy(0));
        var layout = new LodeSphericalExpansion.Layout(SPECIES, 5, 4);
        double err = maxAbsDiff(exact.computeMolecule(pos, types, layout), MOLECULAR.computeMolecule(pos, types, layout));
        assertTrue(err < 1e-6, "spline vs exact " + err);
    }

    @Test
    void moleculeSelfTermAndCentreWeight() {
        double[] pos = {0, 0, 0};
        var layout = new LodeSphericalExpansion.Layout(new int[] {8}, 5, 4);
        double[] one = MOLECULAR.computeMolecule(pos, new int[] {8}, layout);
        var half = new LodeSphericalExpansion(MOLECULAR.hyperparameters().withCenterAtomWeight(0.5));
        double[] c = half.computeMolecule(pos, new int[] {8}, layout);
        double[] self = new double[MOLECULAR.coulombIntegral().length()];
        MOLECULAR.coulombIntegral().compute(0, self, null);
        for (int k = 0; k < one.length; k++) {
            int lm = k / 5;
            double expected = lm == 0 ? self[k] / Math.sqrt(4 * Math.PI) : 0.0;
            assertEquals(expected, one[k], 1e-14);
            assertEquals(0.5 * expected, c[k], 1e-14);
        }
        // the periodic code's centre contribution √(4π)∫r²B_n g_1 is the same number by another quadrature
        double[] cc = LodeSphericalExpansion.centerContribution(MOLECULAR.basis(), new LodePotential(1, 0.3));
        for (int n = 0; n < 5; n++) assertEquals(self[n] / Math.sqrt(4 * Math.PI), cc[n], 1e-13);
    }

    @Test
    void coincidentAtomsGiveFiniteFeatures() {
        double[] pos = {0, 0, 0, 0, 0, 0, 1, 0, 0};
        double[] c = MOLECULAR.computeMolecule(pos, new int[] {1, 1, 8}, new LodeSphericalExpansion.Layout(new int[] {1, 8}, 5, 4));
        assertTrue(Arrays.stream(c).allMatch(Double::isFinite));
    }

    // ------------------------------------------------------------------------------------ periodic

    private static double[] triclinic(SplittableRandom rng) {
        double[] cell = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) cell[3 * i + k] = (i == k ? 4.5 + 1.5 * rng.nextDouble() : 0) + (rng.nextDouble() - 0.5);
        }
        return cell;
    }

    private static double[] fractionalToCartesian(double[] frac, double[] cell) {
        double[] out = new double[frac.length];
        for (int i = 0; i < frac.length; i += 3) {
            for (int k = 0; k < 3; k++) out[i + k] = frac[i] * cell[k] + frac[i + 1] * cell[3 + k] + frac[i + 2] * cell[6 + k];
        }
        return out;
    }

    @ParameterizedTest(name = "periodic: 2×2×2 supercell, lattice shifts, rotation; seed {0}")
    @MethodSource("fewSeeds")
    void periodicInvariances(int seed) {
        SplittableRandom rng = rng(seed);
        double[] cell = triclinic(rng);
        int n = 4 + rng.nextInt(3);
        double[] frac = new double[3 * n];
        for (int i = 0; i < frac.length; i++) frac[i] = rng.nextDouble();
        double[] pos = fractionalToCartesian(frac, cell);
        int[] types = randomTypes(rng, n);
        var layout = new LodeSphericalExpansion.Layout(SPECIES, 4, 3);
        int per = layout.perCentre();
        double[] c = PERIODIC.computePeriodic(pos, types, cell, layout);

        // 2×2×2 supercell: V → 8V, N_a → 8N_a, the extra k vectors have vanishing structure factors
        double[] superCell = new double[9];
        for (int i = 0; i < 9; i++) superCell[i] = 2 * cell[i];
        double[] superFrac = new double[3 * 8 * n];
        int[] superTypes = new int[8 * n];
        int q = 0;
        for (int s = 0; s < 8; s++) {
            for (int i = 0; i < n; i++) {
                superFrac[3 * q] = (frac[3 * i] + (s & 1)) / 2;
                superFrac[3 * q + 1] = (frac[3 * i + 1] + ((s >> 1) & 1)) / 2;
                superFrac[3 * q + 2] = (frac[3 * i + 2] + ((s >> 2) & 1)) / 2;
                superTypes[q++] = types[i];
            }
        }
        double[] cs = PERIODIC.computePeriodic(fractionalToCartesian(superFrac, superCell), superTypes, superCell, layout);
        double superErr = 0;
        for (int s = 0; s < 8; s++) {
            for (int k = 0; k < n * per; k++) superErr = Math.max(superErr, Math.abs(cs[s * n * per + k] - c[k]));
        }
        assertTrue(superErr < 1e-8, "supercell changed per-atom features by " + superErr);

        // wrapping: move atoms by random lattice vectors
        double[] shiftedFrac = frac.clone();
        for (int i = 0; i < shiftedFrac.length; i++) shiftedFrac[i] += rng.nextInt(7) - 3;
        double wrapErr = maxAbsDiff(c, PERIODIC.computePeriodic(fractionalToCartesian(shiftedFrac, cell), types, cell, layout));
        assertTrue(wrapErr < 1e-10, "lattice shifts changed the features by " + wrapErr);

        // rigid translation
        double[] moved = pos.clone();
        for (int i = 0; i < moved.length; i++) moved[i] += 0.37 * (i % 3) - 1.1;
        assertTrue(maxAbsDiff(c, PERIODIC.computePeriodic(moved, types, cell, layout)) < 1e-10);

        // rotation of cell and atoms together
        double[] r = Rotations.random(rng);
        double[] cr = PERIODIC.computePeriodic(rotate(r, pos), types, rotate(r, cell), layout);
        double rotErr = equivarianceError(layout, n, c, cr, r);
        assertTrue(rotErr < 1e-9, "periodic rotation equivariance error " + rotErr);
        System.out.printf("periodic seed %d: supercell %.1e, lattice shifts %.1e, rotation %.1e%n", seed, superErr, wrapErr, rotErr);
    }

    @Test
    void periodicCentreWeightSubtractsTheCentrePotential() {
        double[] cell = {6, 0, 0, 0, 6, 0, 0, 0, 6};
        double[] pos = {1, 2, 3, 4, 4.5, 2};
        int[] types = {1, 8};
        var layout = new LodeSphericalExpansion.Layout(new int[] {1, 8}, 4, 3);
        var zero = new LodeSphericalExpansion(PERIODIC.hyperparameters().withCenterAtomWeight(0));
        double[] c1 = PERIODIC.computePeriodic(pos, types, cell, layout);
        double[] c0 = zero.computePeriodic(pos, types, cell, layout);
        double[] cc = LodeSphericalExpansion.centerContribution(PERIODIC.basis(), new LodePotential(1, 0.4));
        int per = layout.perCentre();
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < per; k++) {
                int n = k % 4;
                boolean own = k / 4 == (types[i] == 1 ? 0 : 1); // l = 0 and own species: k/4 = species index
                assertEquals(c1[i * per + k] - (own ? cc[n] : 0), c0[i * per + k], 1e-12);
            }
        }
    }

    @Test
    void hyperparametersRoundTripThroughJson() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var h = LodeSphericalExpansion.Hyperparameters.of(0.3, 1, 4.0, 8, 6).withCenterAtomWeight(0.25);
        String json = mapper.writeValueAsString(h);
        assertEquals(h, mapper.readValue(json, LodeSphericalExpansion.Hyperparameters.class), json);
        assertTrue(json.contains("\"kCutoff\""), json);
    }

    // ------------------------------------------------------------------------------------ bad input

    @Test
    void badInputIsRejectedWithAClearMessage() {
        var layout = new LodeSphericalExpansion.Layout(new int[] {1, 8}, 4, 3);
        double[] pos = {0, 0, 0, 1, 0, 0};
        int[] types = {1, 8};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PERIODIC.computePeriodic(pos, types, new double[] {1, 0, 0, 2, 0, 0, 0, 0, 1}, layout));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PERIODIC.computePeriodic(new double[] {0, 0, 0, Double.NaN, 0, 0}, types, new double[] {5, 0, 0, 0, 5, 0, 0, 0, 5}, layout));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MOLECULAR.computeMolecule(new double[] {0, 0, Double.POSITIVE_INFINITY, 1, 0, 0}, types,
                        new LodeSphericalExpansion.Layout(new int[] {1, 8}, 5, 4)));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        for (double sigma : new double[] {0, -0.3, Double.NaN, Double.POSITIVE_INFINITY}) {
            e = assertThrows(IllegalArgumentException.class, () -> LodeSphericalExpansion.Hyperparameters.of(sigma, 1, 2.5, 4, 3));
            assertTrue(e.getMessage().contains("smearing"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> LodeSphericalExpansion.Hyperparameters.of(0.3, 7, 2.5, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> LodeSphericalExpansion.Hyperparameters.of(0.3, 1, 0, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> LodeSphericalExpansion.Hyperparameters.of(0.3, 1, 2.5, 4, 3).withKCutoff(-1));
        // species missing from the list, p ≠ 1 for a molecule, partial periodicity
        e = assertThrows(IllegalArgumentException.class, () -> PERIODIC.computePeriodic(pos, new int[] {1, 6}, new double[] {5, 0, 0, 0, 5, 0, 0, 0, 5}, layout));
        assertTrue(e.getMessage().contains("species"), e.getMessage());
        var p2 = new LodeSphericalExpansion(LodeSphericalExpansion.Hyperparameters.of(0.3, 2, 2.5, 4, 3));
        e = assertThrows(IllegalArgumentException.class, () -> p2.computeMolecule(pos, types, layout));
        assertTrue(e.getMessage().contains("exponent 1"), e.getMessage());
        Atoms slab = new Atoms(new String[] {"H", "O"}, pos, new double[] {5, 0, 0, 0, 5, 0, 0, 0, 5}, new boolean[] {true, true, false}, null, null);
        e = assertThrows(IllegalArgumentException.class, () -> PERIODIC.compute(slab));
        assertTrue(e.getMessage().contains("pbc"), e.getMessage());
    }

    @Test
    void atomsEntryPointPicksTheMethodAndLayout() {
        Atoms water = Atoms.molecule(new String[] {"O", "H", "H"}, new double[] {0, 0, 0, 0.757, 0.586, 0, -0.757, 0.586, 0});
        var result = MOLECULAR.compute(water);
        assertEquals(3, result.centres());
        assertTrue(Arrays.equals(new int[] {1, 8}, result.layout().species()));
        assertEquals(3 * result.layout().perCentre(), result.values().length);
        Atoms box = new Atoms(new String[] {"O", "H", "H"}, water.positions(), new double[] {6, 0, 0, 0, 6, 0, 0, 0, 6},
                new boolean[] {true, true, true}, null, null);
        var periodic = PERIODIC.compute(box, new int[] {1, 6, 8});
        assertEquals(3, periodic.layout().speciesCount());
        // the carbon channel has no atoms; p = 1 drops k = 0, so it is exactly zero
        for (int i = 0; i < 3; i++) {
            for (int l = 0; l <= 3; l++) {
                for (int m = -l; m <= l; m++) {
                    for (int n = 0; n < 4; n++) assertEquals(0.0, periodic.get(i, l, m, 1, n));
                }
            }
        }
    }
}
