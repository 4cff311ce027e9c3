package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.equidens.descriptor.SphericalExpansion.Hypers;
import org.equidens.descriptor.SphericalExpansion.Smoothing;
import org.equidens.io.StructureIO;
import org.equidens.math.SphericalHarmonics;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The calculator's options and its periodic sums: a brute-force sum over explicit lattice images
 * (cells thinner than the cutoff included), centre/neighbour species selection, centre weight,
 * Step vs zero-width ShiftedCosine, and hyperparameter validation.
 */
class SphericalExpansionTest {
    private static final Atoms DIMER = StructureIO.read(Path.of("data/water-tensors/dimers_1000.xyz"), 0);
    private static final Hypers SMALL = new Hypers(3.5, Smoothing.SHIFTED_COSINE, 0.5, 0.3, 5, 4, 1.0, 0.0, null, null);

    static IntStream seeds() {
        return IntStream.range(0, 10);
    }

    /** c^a_{i,nlm} = self + Σ_j Σ_{|S|≤K} f_c Y I over explicit images, analytic integrals. */
    static double[] bruteForce(Atoms a, Hypers h, int[] species) {
        SoapRadialIntegral radial = SoapRadialIntegral.of(h.radialFunctions() - 1, h.maxAngular(), h.cutoff(), h.gaussianWidth());
        Cutoff cut = Cutoff.shiftedCosine(h.cutoff(), h.smoothingWidth());
        int lmax = h.maxAngular(), nmax = h.radialFunctions(), s = species.length, stride = (lmax + 1) * (lmax + 1) * s * nmax;
        SphericalHarmonics sh = new SphericalHarmonics(lmax);
        double[] y = new double[(lmax + 1) * (lmax + 1)], rad = new double[radial.length()], out = new double[a.size() * stride];
        double[] cell = a.cell(), p = a.positions();
        int k = 8; // enough images for the thinnest cells below (height ≥ 0.5 Å, rc 3.5)
        double[] self = new double[radial.length()];
        radial.compute(0, self, null);
        for (int i = 0; i < a.size(); i++) {
            int ai = java.util.Arrays.binarySearch(species, a.atomicNumber(i));
            for (int n = 0; n < nmax; n++) out[i * stride + ai * nmax + n] += self[n] / Math.sqrt(4 * Math.PI);
            for (int j = 0; j < a.size(); j++) {
                int aj = java.util.Arrays.binarySearch(species, a.atomicNumber(j));
                for (int s0 = -k; s0 <= k; s0++)
                    for (int s1 = -k; s1 <= k; s1++)
                        for (int s2 = -k; s2 <= k; s2++) {
                            if (i == j && s0 == 0 && s1 == 0 && s2 == 0) continue;
                            double[] d = new double[3];
                            for (int c = 0; c < 3; c++)
                                d[c] = p[3 * j + c] + s0 * cell[c] + s1 * cell[3 + c] + s2 * cell[6 + c] - p[3 * i + c];
                            double r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                            if (r >= h.cutoff()) continue;
                            sh.compute(d[0], d[1], d[2], y);
                            radial.compute(r, rad, null);
                            double fc = cut.value(r);
                            for (int l = 0; l <= lmax; l++)
                                for (int lm = l * l; lm <= l * l + 2 * l; lm++)
                                    for (int n = 0; n < nmax; n++)
                                        out[i * stride + (lm * s + aj) * nmax + n] += fc * y[lm] * rad[l * nmax + n];
                        }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void periodicSumMatchesExplicitImagesEvenForThinCells(int seed) {
        SplittableRandom rng = new SplittableRandom(0xE8A0_0000L + seed);
        Atoms a = LambdaSoapStructureTest.randomTriclinic(rng, seed % 2 == 0 ? 2.2 : 4.0);
        int[] species = {1, 8};
        Expansion e = new SphericalExpansion(SMALL.withSpecies(species)).compute(a);
        double[] ref = bruteForce(a, SMALL, species);
        double max = 0, scale = 0;
        for (int i = 0; i < ref.length; i++) {
            max = Math.max(max, Math.abs(ref[i] - e.values()[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
        }
        int worst = 0;
        for (int i = 0; i < ref.length; i++) if (Math.abs(ref[i] - e.values()[i]) > Math.abs(ref[worst] - e.values()[worst])) worst = i;
        assertTrue(max < 1e-12 * Math.max(1, scale), "max error " + max + " (scale " + scale + ") at " + worst + " of stride "
                + e.centreStride() + ": " + ref[worst] + " vs " + e.values()[worst]);
    }

    @Test
    void centreFilterSelectsRowsAndExtraSpeciesAreZeroChannels() {
        Expansion all = new SphericalExpansion(SMALL).compute(DIMER);
        Expansion onlyO = new SphericalExpansion(SMALL.withCenterSpecies(8)).compute(DIMER);
        assertArrayEquals(new int[] {0, 3}, onlyO.samples().columnValues("atom"));
        int stride = all.centreStride();
        for (int r = 0; r < 2; r++) {
            int atom = onlyO.samples().get(r, "atom");
            for (int k = 0; k < stride; k++) assertEquals(all.values()[atom * stride + k], onlyO.values()[r * stride + k], 0.0);
        }
        Expansion withC = new SphericalExpansion(SMALL.withSpecies(8, 6, 1)).compute(DIMER);
        assertArrayEquals(new int[] {1, 6, 8}, withC.species());
        for (int i = 0; i < DIMER.size(); i++)
            for (int l = 0; l <= 4; l++)
                for (int m = -l; m <= l; m++)
                    for (int n = 0; n < 5; n++) {
                        assertEquals(0.0, withC.get(i, l, m, 1, n));
                        assertEquals(all.get(i, l, m, 0, n), withC.get(i, l, m, 0, n), 0.0);
                        assertEquals(all.get(i, l, m, 1, n), withC.get(i, l, m, 2, n), 0.0);
                    }
    }

    @Test
    void centreWeightChangesOnlyTheOwnSpeciesScalarChannel() {
        Expansion one = new SphericalExpansion(SMALL).compute(DIMER);
        Expansion half = new SphericalExpansion(SMALL.withCenterAtomWeight(0.5)).compute(DIMER);
        double[] i0 = new double[SoapRadialIntegral.of(4, 4, 3.5, 0.3).length()];
        SoapRadialIntegral.of(4, 4, 3.5, 0.3).compute(0, i0, null);
        for (int i = 0; i < DIMER.size(); i++) {
            int own = DIMER.atomicNumber(i) == 8 ? 1 : 0;
            for (int l = 0; l <= 4; l++)
                for (int m = -l; m <= l; m++)
                    for (int a = 0; a < 2; a++)
                        for (int n = 0; n < 5; n++) {
                            double expected = l == 0 && a == own ? 0.5 * i0[n] / Math.sqrt(4 * Math.PI) : 0.0;
                            assertEquals(expected, one.get(i, l, m, a, n) - half.get(i, l, m, a, n), 1e-15);
                        }
        }
    }

    @Test
    void stepEqualsZeroWidthShiftedCosineAndDiffersFromSmooth() {
        Atoms bulk = StructureIO.read(Path.of("data/water-tensors/bulk_1000.xyz"), 0);
        double[] step = new SphericalExpansion(SMALL.withCutoff(Smoothing.STEP, 0.5)).compute(bulk).values();
        double[] zero = new SphericalExpansion(SMALL.withCutoff(Smoothing.SHIFTED_COSINE, 0.0)).compute(bulk).values();
        double[] smooth = new SphericalExpansion(SMALL).compute(bulk).values();
        assertArrayEquals(step, zero, 0.0);
        assertNotEquals(0.0, IntStream.range(0, step.length).mapToDouble(i -> Math.abs(step[i] - smooth[i])).max().orElse(0));
    }

    @Test
    void hypersAreValidatedAndCompareByValue() {
        assertThrows(IllegalArgumentException.class, () -> new Hypers(0, Smoothing.STEP, 0, 0.3, 8, 6, 1, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Hypers(4, Smoothing.SHIFTED_COSINE, 5, 0.3, 8, 6, 1, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Hypers(4, Smoothing.STEP, 0, -1, 8, 6, 1, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Hypers(4, Smoothing.STEP, 0, 0.3, 0, 6, 1, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Hypers(4, Smoothing.STEP, 0, 0.3, 8, -1, 1, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Hypers(4, Smoothing.STEP, 0, 0.3, 8, 6, 1, -1e-8, null, null));
        assertThrows(IllegalArgumentException.class, () -> Hypers.defaults().withSpecies(0));
        assertEquals(Hypers.defaults().withSpecies(8, 1), Hypers.defaults().withSpecies(1, 8, 8));
        assertEquals(Hypers.defaults().withSpecies(8, 1).hashCode(), Hypers.defaults().withSpecies(1, 8).hashCode());
        assertNotEquals(Hypers.defaults(), Hypers.defaults().withSpecies(1, 8));
    }

    @Test
    void emptyCentreSelectionGivesAnEmptyExpansion() {
        Expansion e = new SphericalExpansion(SMALL.withCenterSpecies(6)).compute(DIMER);
        assertEquals(0, e.centres());
        assertEquals(0, e.values().length);
    }
}
