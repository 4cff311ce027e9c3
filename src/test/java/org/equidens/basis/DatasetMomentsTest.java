package org.equidens.basis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.equidens.io.Npy;
import org.equidens.structure.Atoms;
import org.junit.jupiter.api.Test;

/**
 * End to end on the bundled data: Psi4-ordered coefficients → internal order → charge and dipole
 * integrals reproduce the documented figures (10 electrons; alpha_df of frame 0).
 */
class DatasetMomentsTest {
    static final Path DATA = Psi4FixtureTest.DATA;

    @Test
    void chargeAndPolarizabilityOfFrame0() throws Exception {
        BasisSet basis = GbsParser.parse(DATA.resolve("basis/aug-cc-pvtz-jkfit.gbs"));
        Atoms atoms = Psi4FixtureTest.readFrame0(DATA.resolve("structures.xyz"));
        BasisFunctions bf = new BasisFunctions(basis, atoms);
        int n = bf.size();
        Npy.Array c0 = Npy.read(DATA.resolve("density_coefficients.npy"));
        Npy.Array c1 = Npy.read(DATA.resolve("response_coefficients.npy"));
        double[] rho = MOrder.PSI4.toInternal(bf, Arrays.copyOfRange(c0.data(), 0, n));
        double[] resp = MOrder.PSI4.toInternal(bf, Arrays.copyOfRange(c1.data(), 0, 3 * n)); // 3 stacked vectors
        double[] q = Integrals.integrals(bf);
        double charge = dot(q, rho, 0);
        System.out.printf("frame 0: fitted charge %.6f%n", charge);
        assertTrue(charge > 10.00003 && charge < 10.0005, "charge " + charge);
        double[] d = Integrals.dipoleIntegrals(bf, new double[3]);
        double[] ref = atoms.infoVector("alpha_df");
        double worst = 0;
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) {
                // alpha_jk = ∫ r_j rho1_k
                double a = 0;
                for (int f = 0; f < n; f++) a += d[j * n + f] * resp[k * n + f];
                worst = Math.max(worst, Math.abs(a - ref[3 * j + k]));
            }
        }
        System.out.printf("frame 0: max |alpha_df - reference| = %.2e%n", worst);
        assertTrue(worst < 2e-9, "alpha_df mismatch " + worst);
        // the responses carry (almost) no charge
        for (int k = 0; k < 3; k++) assertEquals(0, dot(q, resp, k * n), 3.5e-3);
    }

    static double dot(double[] a, double[] b, int off) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[off + i];
        return s;
    }
}
