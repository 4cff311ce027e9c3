package org.equidens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.equidens.basis.BasisFunctions;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.SphericalExpansion;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.math.Rotations;
import org.equidens.math.WignerD;
import org.equidens.properties.Multipoles;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Density, response and SALTER models on the bundled water data with a small descriptor (n_max 4,
 * l_max 4) and a few training molecules, so the whole class runs in seconds: exact equivariance of
 * predicted response blocks (D^λ(R) ⊗ R, proper and improper), α rotating as R α Rᵀ, interpolation of
 * a tiny training set as η → 0, PCG = Cholesky, a sensible density model, model-directory round trip,
 * unknown species.
 */
class CoefficientModelTest {
    static Dataset data;
    static double[] response, density;
    static final int NC = 196;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void load() {
        data = Dataset.load(Path.of("data/water-monomers-pbe"));
        response = data.coefficients("response").data();
        density = data.coefficients("density").data();
    }

    static CoefficientOptions options(int m0, double eta, CoefficientOptions.Solver solver) {
        LambdaSoap.Hypers h = LambdaSoap.Hypers.of(SphericalExpansion.Hypers.of(4.0, 0.3, 4, 4), 5);
        return new CoefficientOptions(h, 2.0, eta, m0, true, 1e-10, solver, 4000, 1e-10, 5000, true, 3L);
    }

    static List<Atoms> structures(int... idx) {
        List<Atoms> out = new ArrayList<>();
        for (int i : idx) out.add(data.structures().get(i));
        return out;
    }

    static List<double[]> rows(double[] all, int rows, int... idx) {
        List<double[]> out = new ArrayList<>();
        for (int i : idx) out.add(Arrays.copyOfRange(all, i * rows * NC, (i + 1) * rows * NC));
        return out;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    static final int[] TRAIN = {100, 101, 103, 104, 105, 107, 3, 40};

    @Test
    void responseBlocksRotateWithDlambdaTimesR() {
        ResponseModel m = ResponseModel.train(structures(TRAIN), rows(response, 3, TRAIN), data.basis(), options(6, 1e-8, CoefficientOptions.Solver.DIRECT), null);
        SplittableRandom rng = new SplittableRandom(5);
        double worst = 0;
        for (int trial = 0; trial < 4; trial++) {
            Atoms a = data.structures().get(500 + trial);
            double[] r = trial % 2 == 0 ? Rotations.random(rng) : Rotations.improperRandom(rng);
            double[] c = m.predict(a), cr = m.predict(a.transformed(r));
            BasisFunctions bf = new BasisFunctions(data.basis(), a);
            double scale = maxAbs(c);
            for (int sh = 0; sh < bf.shells(); sh++) {
                int l = bf.shellL(sh), off = bf.shellOffset(sh), n = 2 * l + 1;
                double[] dl = WignerD.real(l, r);
                for (int dd = 0; dd < 3; dd++)
                    for (int mu = 0; mu < n; mu++) {
                        double expect = 0;
                        for (int e = 0; e < 3; e++)
                            for (int nu = 0; nu < n; nu++) expect += r[3 * dd + e] * dl[mu * n + nu] * c[e * NC + off + nu];
                        worst = Math.max(worst, Math.abs(cr[dd * NC + off + mu] - expect) / scale);
                    }
            }
            // α = ∫ r ρ1 rotates as R α Rᵀ (rotation about the origin)
            double[] alpha = Multipoles.polarizability(Multipoles.moments(bf), c);
            double[] alphaR = Multipoles.polarizability(Multipoles.moments(new BasisFunctions(data.basis(), a.transformed(r))), cr);
            double[] expect = Rotations.multiply(Rotations.multiply(r, alpha), Rotations.transpose(r));
            for (int k = 0; k < 9; k++) assertEquals(expect[k], alphaR[k], 1e-9 * maxAbs(alpha), "R α Rᵀ");
            double asym = 0;
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) asym = Math.max(asym, Math.abs(alpha[3 * i + j] - alpha[3 * j + i]));
            assertTrue(asym < 0.05 * maxAbs(alpha), "α should be nearly symmetric: " + Arrays.toString(alpha));
        }
        System.out.printf("response model: max |c(Rx) − (D^λ⊗R) c(x)| / max|c| = %.2e%n", worst);
        assertTrue(worst < 1e-10, "equivariance " + worst);
    }

    @Test
    void tinyTrainingSetIsReproducedAsEtaVanishes() {
        int[] tr = {100, 250, 600};
        CoefficientOptions o = options(100, 1e-12, CoefficientOptions.Solver.DIRECT);
        // every training atom a sparse environment at every λ (no M_λ decay): the model can interpolate
        o = new CoefficientOptions(o.descriptor(), o.zeta(), o.eta(), o.sparsePerSpecies(), false, o.eigenvalueCutoff(), o.solver(),
                o.directMaxDimension(), o.cgTolerance(), o.cgMaxIterations(), o.baseline(), o.seed());
        ResponseModel m = ResponseModel.train(structures(tr), rows(response, 3, tr), data.basis(), o, null);
        CoefficientMetrics.PerStructure[] ps = CoefficientMetrics.compute(structures(tr), data.basis(), m.predict(structures(tr)), rows(response, 3, tr), null, 3, true, false);
        double rmse = CoefficientMetrics.summary(ps).rmsePercent();
        System.out.printf("tiny training set (η=1e-12): %% RMSE on its own targets %.2e%n", rmse);
        assertTrue(rmse < 1e-3, "training targets not reproduced: " + rmse + " %");
    }

    @Test
    void conjugateGradientsAgreeWithCholesky() {
        int[] tr = {100, 101, 102, 3, 600, 601};
        CoefficientOptions direct = options(4, 1e-6, CoefficientOptions.Solver.DIRECT), cg = options(4, 1e-6, CoefficientOptions.Solver.CG);
        ResponseModel a = ResponseModel.train(structures(tr), rows(response, 3, tr), data.basis(), direct, null);
        ResponseModel b = ResponseModel.train(structures(tr), rows(response, 3, tr), data.basis(), cg, null);
        assertEquals("pcg", b.solveInfo().method());
        // the direct route: the assembled Hessian's Cholesky factor as the PCG preconditioner converges at once,
        // to the residual of the matrix-free operator (which checks the assembly against it)
        assertEquals("cholesky", a.solveInfo().method());
        assertTrue(a.solveInfo().iterations() <= 2 && a.solveInfo().relativeResidual() <= 1e-10,
                "Cholesky + refinement: " + a.solveInfo());
        // the same Hessian assembled over several chunks of structures (2 per chunk) gives the same weights
        ResponseModel chunked;
        CoefficientTraining.Problem.assemblyChunk = 2;
        try {
            chunked = ResponseModel.train(structures(tr), rows(response, 3, tr), data.basis(), direct, null);
        } finally {
            CoefficientTraining.Problem.assemblyChunk = 0;
        }
        assertTrue(chunked.solveInfo().iterations() <= 2 && chunked.solveInfo().relativeResidual() <= 1e-10, "chunked: " + chunked.solveInfo());
        double[] p1 = a.predict(data.structures().get(700)), pc = chunked.predict(data.structures().get(700));
        double dc = 0;
        for (int i = 0; i < p1.length; i++) dc = Math.max(dc, Math.abs(p1[i] - pc[i]));
        System.out.printf("Hessian assembled in chunks of 2 structures vs one chunk: max |Δc| / max|c| = %.2e%n", dc / maxAbs(p1));
        assertTrue(dc <= 1e-10 * maxAbs(p1), "chunked assembly differs: " + dc);
        double[] pa = a.predict(data.structures().get(700)), pb = b.predict(data.structures().get(700));
        double diff = 0;
        for (int i = 0; i < pa.length; i++) diff = Math.max(diff, Math.abs(pa[i] - pb[i]));
        System.out.printf("PCG (%d iterations) vs Cholesky: max |Δc| / max|c| = %.2e%n", b.solveInfo().iterations(), diff / maxAbs(pa));
        assertTrue(diff < 1e-6 * maxAbs(pa), "PCG and Cholesky differ: " + diff);
        // and for SALTER's three independent weight sets
        SalterModel sa = SalterModel.train(structures(tr), rows(response, 3, tr), data.basis(), direct, null);
        SalterModel sb = SalterModel.train(structures(tr), rows(response, 3, tr), data.basis(), cg, null);
        double[] qa = sa.predict(data.structures().get(700)), qb = sb.predict(data.structures().get(700));
        double dq = 0;
        for (int i = 0; i < qa.length; i++) dq = Math.max(dq, Math.abs(qa[i] - qb[i]));
        assertTrue(dq < 1e-6 * maxAbs(qa), "SALTER PCG and Cholesky differ: " + dq);
    }

    @Test
    void densityModelIsSensibleOnGroundStateData() {
        int[] tr = new int[20], te = new int[20];
        for (int i = 0; i < 20; i++) {
            tr[i] = 100 + 37 * i;
            te[i] = 101 + 37 * i;
        }
        DensityModel m = DensityModel.train(structures(tr), rows(density, 1, tr), data.basis(), options(10, 1e-8, CoefficientOptions.Solver.AUTO), null);
        List<Atoms> test = structures(te);
        List<double[]> base = new ArrayList<>();
        for (Atoms a : test) base.add(m.model().baselineVector(a));
        CoefficientMetrics.PerStructure[] ps = CoefficientMetrics.compute(test, data.basis(), m.predict(test), rows(density, 1, te), base, 1, false, false);
        double rmse = CoefficientMetrics.summary(ps).rmsePercent();
        System.out.printf("density model (N=20, M0=10): %% RMSE %.3f (variance about the species baseline)%n", rmse);
        assertTrue(rmse > 0 && rmse < 5, "density % RMSE " + rmse);
        // the predicted densities hold ~10 electrons
        for (int k = 0; k < test.size(); k++) {
            double q = Multipoles.moments(new BasisFunctions(data.basis(), test.get(k))).charge(m.predict(test.get(k)));
            assertEquals(10.0, q, 0.05);
        }
    }

    @Test
    void salterIsNotEquivariantAndModelFilesRoundTrip() {
        int[] tr = {100, 101, 103, 104, 3, 40};
        SalterModel s = SalterModel.train(structures(tr), rows(response, 3, tr), data.basis(), options(4, 1e-8, CoefficientOptions.Solver.DIRECT), null);
        Atoms a = data.structures().get(500);
        double[] r = Rotations.random(new SplittableRandom(9));
        double[] c = s.predict(a), cr = s.predict(a.transformed(r));
        double[] alpha = Multipoles.polarizability(Multipoles.moments(new BasisFunctions(data.basis(), a)), c);
        double[] alphaR = Multipoles.polarizability(Multipoles.moments(new BasisFunctions(data.basis(), a.transformed(r))), cr);
        double[] expect = Rotations.multiply(Rotations.multiply(r, alpha), Rotations.transpose(r));
        double dev = 0;
        for (int k = 0; k < 9; k++) dev = Math.max(dev, Math.abs(expect[k] - alphaR[k]));
        System.out.printf("SALTER: |α(Rx) − R α Rᵀ| = %.2e bohr³ (not equivariant)%n", dev);
        assertTrue(dev > 1e-6, "SALTER should not be equivariant");
        // round trip through a model directory
        Path dir = tmp.resolve("salter-model");
        CoefficientModelFiles.write(s.model(), data.mOrder(), null, dir);
        CoefficientModelFiles.Loaded back = CoefficientModelFiles.read(dir);
        assertEquals("salter", back.task());
        double[] c2 = back.model().predict(a);
        for (int i = 0; i < c.length; i++) assertEquals(c[i], c2[i], 1e-13 * maxAbs(c));
    }

    @Test
    void unknownSpeciesIsAnInputError() {
        int[] tr = {100, 101, 102};
        DensityModel m = DensityModel.train(structures(tr), rows(density, 1, tr), data.basis(), options(3, 1e-8, CoefficientOptions.Solver.DIRECT), null);
        Atoms methane = Atoms.molecule(new String[] {"C", "H"}, new double[] {0, 0, 0, 1.09, 0, 0});
        InputException e = assertThrows(InputException.class, () -> m.predict(methane));
        assertTrue(e.getMessage().contains("element C"), e.getMessage());
    }
}
