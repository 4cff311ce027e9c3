package org.equidens.realspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Units;
import org.equidens.io.Dataset;
import org.equidens.properties.Multipoles;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance figures of the real-space issue on the frame-0 Psi4 cubes: grid moments against
 * CPKS α, the reference coefficients on the cube grid, and the cube fitted back onto the basis.
 */
class Psi4CubeAcceptanceTest {
    static final Path DATA = Path.of("data/water-monomers-pbe");
    static Dataset ds;
    static BasisFunctions bf;
    static Atoms atoms;
    static CubeFile[] response = new CubeFile[3];
    static CubeFile density;
    static double[] alpha;
    static double[] refResponse;
    static double[] refDensity;

    @BeforeAll
    static void load() {
        ds = Dataset.load(DATA);
        bf = ds.basisFunctions(0);
        atoms = ds.structures().get(0);
        for (int k = 0; k < 3; k++) response[k] = CubeFile.read(DATA.resolve("cubes/response_" + "xyz".charAt(k) + "_00000.cube"));
        density = CubeFile.read(DATA.resolve("cubes/density_00000.cube"));
        alpha = atoms.infoVector("alpha");
        refResponse = Arrays.copyOfRange(ds.coefficients("response").data(), 0, 3 * 196);
        refDensity = Arrays.copyOfRange(ds.coefficients("density").data(), 0, 196);
    }

    @Test
    void headerIsBohrAndMatchesTheStructure() {
        Grid g = response[2].grid();
        assertArrayEquals(new int[] {67, 76, 62}, g.counts());
        assertEquals(0.2, g.voxel(0)[0], 1e-12);
        assertEquals(0.008, g.voxelVolume(), 1e-15);
        assertArrayEquals(new int[] {8, 1, 1}, response[2].atomicNumbers());
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(Units.angstromToBohr(atoms.x(a, c)), response[2].positionsBohr()[3 * a + c], 2e-6);
            }
        }
        for (CubeFile r : response) assertTrue(r.grid().sameAs(g, 1e-12));
        assertTrue(density.grid().sameAs(g, 1e-12));
    }

    @Test
    void gridMomentsOfTheResponseCubesGiveTheReferencePolarizability() {
        double[] a = new double[9];
        double[] q = new double[3];
        for (int k = 0; k < 3; k++) {
            VolumetricData d = response[k].data();
            q[k] = d.integral();
            double[] m = d.firstMoment(new double[3]);
            for (int j = 0; j < 3; j++) a[3 * j + k] = m[j];
        }
        System.out.printf("cube ∫ρ1_k = %.2e %.2e %.2e%n", q[0], q[1], q[2]);
        System.out.printf("cube α diag %.4f %.4f %.4f vs CPKS %.4f %.4f %.4f%n", a[0], a[4], a[8], alpha[0], alpha[4], alpha[8]);
        System.out.printf("cube α off-diagonal xz %.4f zx %.4f (CPKS %.4f), max |other| %.1e%n", a[2], a[6], alpha[2],
                Math.max(Math.max(Math.abs(a[1]), Math.abs(a[3])), Math.max(Math.abs(a[5]), Math.abs(a[7]))));
        assertEquals(9.565, a[8], 0.0015, "the README's figure for ∫ z ρ1_z");
        for (int k = 0; k < 3; k++) assertEquals(0, q[k], 2e-3, "∫ρ1_" + k);
        for (int i = 0; i < 9; i++) assertEquals(alpha[i], a[i], 0.015 * 10, "α component " + i);
        for (int i = 0; i < 9; i += 4) assertEquals(alpha[i], a[i], 0.015 * alpha[i], "α diagonal " + i);
        assertEquals(9.83, density.data().integral(), 0.005, "the README's figure for ∫ρ over the cube");
    }

    @Test
    void referenceCoefficientsOnTheCubeGridMatchTheCubesToTheFittingError() {
        RealSpaceBasis rb = RealSpaceBasis.molecule(bf);
        double[][] c = new double[3][];
        for (int k = 0; k < 3; k++) c[k] = Arrays.copyOfRange(refResponse, 196 * k, 196 * (k + 1));
        double[][] pred = rb.evaluate(c, response[0].grid());
        for (int k = 0; k < 3; k++) {
            double l2 = GridMetrics.relativeL2(pred[k], response[k].data().values());
            double mae = GridMetrics.normalisedMae(pred[k], response[k].data().values());
            System.out.printf("reference response coefficients on the cube grid, field %c: relative L2 %.3f %%, ε %.3f %%%n",
                    "xyz".charAt(k), 100 * l2, 100 * mae);
            assertTrue(l2 < 0.03 && mae < 0.03, "field " + k + ": L2 " + l2 + ", ε " + mae);
        }
        double[] dens = rb.evaluate(refDensity, density.grid());
        double l2 = GridMetrics.relativeL2(dens, density.data().values());
        double mae = GridMetrics.normalisedMae(dens, density.data().values());
        System.out.printf("reference density coefficients on the cube grid: relative L2 %.3f %%, ε %.3f %%%n", 100 * l2, 100 * mae);
        assertTrue(l2 < 0.03 && mae < 0.03);
    }

    @Test
    void fittingTheCubesBackGivesCoefficientsCloseToTheReference() {
        RealSpaceBasis rb = RealSpaceBasis.molecule(bf);
        double[] s = rb.overlapMatrix();
        double[] j = org.equidens.basis.Integrals.coulombMatrix(bf);
        double[] g = GridFit.gridMetric(rb, response[0].grid(), GridFit.DEFAULT_RIDGE);
        double[] fitted = new double[3 * 196];
        double[] fittedGrid = new double[3 * 196];
        for (int k = 0; k < 3; k++) {
            double[] ref = Arrays.copyOfRange(refResponse, 196 * k, 196 * (k + 1));
            GridFit.Result r = GridFit.fit(rb, response[k].data(), s, 0.0);
            GridFit.Result rg = GridFit.fit(rb, response[k].data(), g, 0.0);
            System.arraycopy(r.coefficients(), 0, fitted, 196 * k, 196);
            System.arraycopy(rg.coefficients(), 0, fittedGrid, 196 * k, 196);
            System.out.printf("fit-back of cube %c with ∫ρ1 = 0: analytic S: grid L2 %.2f %%, ε %.2f %%, ‖Δc‖/‖c_ref‖ S %.1f %%, J %.2f %%;"
                    + " grid metric: L2 %.2f %%, ε %.2f %%, S %.1f %%, J %.2f %%%n", "xyz".charAt(k),
                    100 * r.relativeL2(), 100 * r.normalisedMae(), 100 * GridFit.relativeDifference(r.coefficients(), ref, s),
                    100 * GridFit.relativeDifference(r.coefficients(), ref, j),
                    100 * rg.relativeL2(), 100 * rg.normalisedMae(), 100 * GridFit.relativeDifference(rg.coefficients(), ref, s),
                    100 * GridFit.relativeDifference(rg.coefficients(), ref, j));
            assertEquals(0, r.charge(), 1e-10);
            assertEquals(0, rg.charge(), 1e-10);
            // least squares on the grid is at least as close to the cube as the reference coefficients are
            double refL2 = GridMetrics.relativeL2(rb.evaluate(ref, response[k].grid()), response[k].data().values());
            assertTrue(rg.relativeL2() <= refL2 * 1.0001, rg.relativeL2() + " vs " + refL2);
            // the long-range (Coulomb-norm) content of the coefficients is recovered to a few per cent
            assertTrue(GridFit.relativeDifference(r.coefficients(), ref, j) < 0.05);
            assertTrue(GridFit.relativeDifference(rg.coefficients(), ref, j) < 0.10);
        }
        Multipoles.Moments m = Multipoles.moments(bf);
        double[] a = Multipoles.polarizability(m, fitted);
        double[] ag = Multipoles.polarizability(m, fittedGrid);
        System.out.printf("α from fitted coefficients, diagonal: analytic S %.4f %.4f %.4f; grid metric %.4f %.4f %.4f;"
                + " CPKS %.4f %.4f %.4f%n", a[0], a[4], a[8], ag[0], ag[4], ag[8], alpha[0], alpha[4], alpha[8]);
        for (int i = 0; i < 9; i += 4) {
            assertEquals(alpha[i], a[i], 0.02 * alpha[i]);
            assertEquals(alpha[i], ag[i], 0.02 * alpha[i]);
        }
    }
}
