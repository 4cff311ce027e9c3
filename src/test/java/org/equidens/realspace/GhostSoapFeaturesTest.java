package org.equidens.realspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.equidens.basis.Units;
import org.equidens.io.Dataset;
import org.equidens.structure.Atoms;
import org.equidens.structure.Elements;
import org.junit.jupiter.api.Test;

/**
 * LIFS on the frame-0 response cube with ghost-centre SOAP features, against the basis-value
 * features: the number of points each keeps and the full-grid ε of the least-squares fit of the
 * coefficients from those points ({@link SamplingStudy#fitFromPoints}).
 */
class GhostSoapFeaturesTest {
    static final Path DATA = Path.of("data/water-monomers-pbe");

    /** The cube's atoms as a molecule in Å. */
    static Atoms atoms(CubeFile cube) {
        int n = cube.atoms();
        String[] s = new String[n];
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) s[i] = Elements.symbol(cube.atomicNumbers()[i]);
        for (int k = 0; k < 3 * n; k++) pos[k] = cube.positionsBohr()[k] * Units.BOHR_IN_ANGSTROM;
        return Atoms.molecule(s, pos);
    }

    @Test
    void lifsWithGhostSoapFeaturesOnTheResponseCube() {
        Dataset ds = Dataset.load(DATA);
        RealSpaceBasis rb = RealSpaceBasis.molecule(ds.basisFunctions(0));
        CubeFile cube = CubeFile.read(DATA.resolve("cubes/response_z_00000.cube"));
        VolumetricData field = cube.data();
        Atoms mol = atoms(cube);
        // the cube's atoms are the dataset's frame 0 (the grid and the basis share one frame)
        double[] ref = ds.structures().get(0).positions();
        for (int k = 0; k < ref.length; k++) assertEquals(ref[k], mol.positions()[k], 1e-4, "atom coordinate " + k);

        SamplingStudy.Settings s = SamplingStudy.Settings.standard(new int[] {2000}, field, 7);
        Grid g = field.grid();
        double[] values = field.values();
        int pool = Math.min(s.poolSize(), g.size());
        int[] ts = TargetedSampling.sample(values, pool, s.sigma(), s.seed());
        double[] pts = new double[3 * pool];
        for (int i = 0; i < pool; i++) System.arraycopy(g.point(ts[i]), 0, pts, 3 * i, 3);

        GhostSoapFeatures soap = new GhostSoapFeatures(mol);
        long t0 = System.nanoTime();
        Lifs.Selection ghost = Lifs.select(pts, pool, soap, s.tolerance(), 2000);
        long t1 = System.nanoTime();
        Lifs.Selection basis = Lifs.select(pts, pool, new BasisValueFeatures(rb), s.tolerance(), 2000);
        int kg = ghost.accepted().length, kb = basis.accepted().length;
        assertTrue(kg > 10 && kg <= soap.size(), "ghost SOAP LIFS kept " + kg);

        double[][] fits = {fit(rb, field, ts, ghost.accepted()), fit(rb, field, ts, basis.accepted()),
                fit(rb, field, ts, firstN(kg)), fit(rb, field, ts, firstN(kb))};
        double[][] pred = rb.evaluate(fits, g);
        double[] eps = new double[4];
        for (int i = 0; i < 4; i++) eps[i] = GridMetrics.normalisedMae(pred[i], values);
        double zero = GridMetrics.normalisedMae(new double[values.length], values);
        System.out.printf("ghost SOAP (%d features): LIFS kept %d of %d examined (%.1f s), ε %.4g %%; TS first %d: ε %.4g %%%n",
                soap.size(), kg, ghost.examined(), (t1 - t0) * 1e-9, 100 * eps[0], kg, 100 * eps[2]);
        System.out.printf("basis values (%d features): LIFS kept %d of %d examined, ε %.4g %%; TS first %d: ε %.4g %%; zero: ε %.4g %%%n",
                rb.size(), kb, basis.examined(), 100 * eps[1], kb, 100 * eps[3], 100 * zero);
        // the covariant alternative for ρ1_z: the z row of the λ = 1 ghost features
        GhostSoapFeatures vz = GhostSoapFeatures.vectorComponent(mol, org.equidens.descriptor.SphericalExpansion.Hypers.defaults(), 2);
        Lifs.Selection vsel = Lifs.select(pts, pool, vz, s.tolerance(), 2000);
        double epsV = GridMetrics.normalisedMae(rb.evaluate(new double[][] {fit(rb, field, ts, vsel.accepted())}, g)[0], values);
        System.out.printf("ghost λ=1 z row (%d features): LIFS kept %d, ε %.4g %%%n", vz.size(), vsel.accepted().length, 100 * epsV);
        assertTrue(Double.isFinite(epsV) && vsel.accepted().length > 0);
        for (double e : eps) assertTrue(Double.isFinite(e));
        assertTrue(eps[0] < zero, "ghost SOAP selection is worse than predicting zero: " + eps[0] + " vs " + zero);
        assertTrue(eps[1] < zero);
    }

    static int[] firstN(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** Ridge least squares of the coefficients from the field at the chosen TS candidates (SamplingStudy's fit). */
    static double[] fit(RealSpaceBasis rb, VolumetricData field, int[] ts, int[] chosen) {
        int m = chosen.length;
        double[] p = new double[3 * m], y = new double[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(field.grid().point(ts[chosen[i]]), 0, p, 3 * i, 3);
            y[i] = field.values()[ts[chosen[i]]];
        }
        return SamplingStudy.fitFromPoints(rb, p, y, m, 1e-6);
    }
}
