package org.equidens.basis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Overlap, Coulomb and moment integrals for l up to 7 against independent references: brute-force
 * grid quadrature, the exact far-field multipole potential, same-centre radial quadrature, and
 * symmetry properties (exchange, translation, inversion, rotation).
 */
class IntegralsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void selfOverlapIsIdentity(int l) {
        Random rnd = new Random(100 + l);
        Shell s = TestSupport.randomShell(rnd, l, 3, 0.1, 20);
        Shell other = TestSupport.randomShell(rnd, (l + 1) % 8, 2, 0.3, 5);
        BasisFunctions bf = TestSupport.structure(new double[] {0.3, -1.2, 2.0}, List.of(s, other));
        double[] blk = Integrals.overlapBlock(bf, 0, bf, 0);
        int n = 2 * l + 1;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) assertEquals(a == b ? 1 : 0, blk[a * n + b], 1e-13, "l=" + l);
        }
        double[] cross = Integrals.overlapBlock(bf, 0, bf, 1);
        for (double v : cross) assertEquals(0, v, 1e-14); // different l, same centre
    }

    /** Brute-force overlap, charge and dipole on a grid, shells up to l=7 on two centres. */
    @Test
    void overlapAndMomentsMatchGridQuadrature() {
        Random rnd = new Random(7);
        List<Shell> a = List.of(TestSupport.randomShell(rnd, 7, 2, 0.7, 1.5), TestSupport.randomShell(rnd, 3, 2, 0.7, 2),
                TestSupport.randomShell(rnd, 0, 3, 0.6, 3), TestSupport.randomShell(rnd, 1, 2, 0.6, 2));
        List<Shell> b = List.of(TestSupport.randomShell(rnd, 6, 2, 0.7, 1.5), TestSupport.randomShell(rnd, 2, 1, 0.7, 2),
                TestSupport.randomShell(rnd, 1, 1, 0.8, 0.8), TestSupport.randomShell(rnd, 0, 2, 0.6, 2),
                TestSupport.randomShell(rnd, 4, 1, 1.0, 1.0));
        double[] centres = {0.4, -0.3, 0.2, -0.5, 0.6, 1.1};
        BasisFunctions bf = TestSupport.structure(centres, a, b);
        TestSupport.Grid g = TestSupport.integrate(bf, new double[] {0, 0, 0.6}, 9.5, 0.25);
        double eS = TestSupport.maxAbs(g.overlap, Integrals.overlapMatrix(bf));
        double eQ = TestSupport.maxAbs(g.integral, Integrals.integrals(bf));
        double eD = TestSupport.maxAbs(g.firstMoment, Integrals.dipoleIntegrals(bf, new double[3]));
        System.out.printf("grid vs analytic (l<=7): overlap %.2e, charge %.2e, dipole %.2e%n", eS, eQ, eD);
        assertTrue(eS < 1e-10, "overlap " + eS);
        assertTrue(eQ < 1e-10, "charge " + eQ);
        assertTrue(eD < 1e-10, "dipole " + eD);
        // the charges are not trivially zero: s shells integrate to something
        double[] q = Integrals.integrals(bf);
        assertTrue(Math.abs(q[bf.shellOffset(2)]) > 0.1);
    }

    @Test
    void dipoleOriginShift() {
        Random rnd = new Random(3);
        BasisFunctions bf = TestSupport.structure(new double[] {1, 2, 3, -1, 0, 0.5},
                List.of(TestSupport.randomShell(rnd, 0, 2, 0.5, 3), TestSupport.randomShell(rnd, 1, 2, 0.5, 3)),
                List.of(TestSupport.randomShell(rnd, 2, 1, 0.5, 3), TestSupport.randomShell(rnd, 0, 1, 0.5, 3)));
        double[] o = {0.3, -0.2, 0.9};
        double[] d0 = Integrals.dipoleIntegrals(bf, new double[3]);
        double[] d1 = Integrals.dipoleIntegrals(bf, o);
        double[] q = Integrals.integrals(bf);
        int n = bf.size();
        for (int k = 0; k < 3; k++) {
            for (int f = 0; f < n; f++) assertEquals(d0[k * n + f] - o[k] * q[f], d1[k * n + f], 1e-14);
        }
    }

    /**
     * Far apart, the Coulomb integral of φ_lm at A with an s function at B is exactly (up to
     * e^{-aR²}-small terms) q_B × the multipole potential 4π/(2l+1) Q_lm S_lm(B-A)/|B-A|^{2l+1}.
     * Checks the Coulomb code, including signs, for l up to 7.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void coulombFarFieldIsTheMultipolePotential(int l) {
        double a = 1.1, bExp = 1.3;
        double[] rab = {13.0, -17.0, 21.0}; // B - A
        double[] centres = {0.5, 0.2, -0.4, 0.5 + rab[0], 0.2 + rab[1], -0.4 + rab[2]};
        BasisFunctions bf = TestSupport.structure(centres, List.of(new Shell(l, new double[] {a}, new double[] {1})),
                List.of(new Shell(0, new double[] {bExp}, new double[] {1})));
        double d = new Shell(l, new double[] {a}, new double[] {1}).normalizedCoefficients()[0];
        double qlm = d * SolidHarmonics.gammaHalfInteger(2 * l + 3) / (2 * Math.pow(a, l + 1.5));
        double qb = Integrals.integrals(bf)[2 * l + 1];
        double r = Math.sqrt(rab[0] * rab[0] + rab[1] * rab[1] + rab[2] * rab[2]);
        double[] s = new double[2 * l + 1];
        SolidHarmonics.evaluate(l, rab[0], rab[1], rab[2], s, 0);
        double[] blk = Integrals.coulombBlock(bf, 0, bf, 1);
        double[] rev = Integrals.coulombBlock(bf, 1, bf, 0);
        double scale = 0;
        for (int m = 0; m < 2 * l + 1; m++) scale = Math.max(scale, Math.abs(blk[m]));
        for (int m = 0; m < 2 * l + 1; m++) {
            double expected = qb * 4 * Math.PI / (2 * l + 1) * qlm * s[m] / Math.pow(r, 2 * l + 1);
            assertEquals(expected, blk[m], 1e-11 * scale, "l=" + l + " m=" + (m - l));
            assertEquals(blk[m], rev[m], 1e-14 * scale);
        }
    }

    /** Same-centre Coulomb integrals from the radial multipole expansion, by quadrature (l ≤ 7). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void sameCentreCoulombMatchesRadialQuadrature(int l) {
        Random rnd = new Random(40 + l);
        Shell sa = TestSupport.randomShell(rnd, l, 2, 0.4, 4), sb = TestSupport.randomShell(rnd, l, 3, 0.4, 4);
        BasisFunctions bf = TestSupport.structure(new double[] {1, 1, 1}, List.of(sa, sb));
        double[] blk = Integrals.coulombBlock(bf, 0, bf, 1);
        double ref = radialCoulomb(l, sa, sb);
        int n = 2 * l + 1;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) assertEquals(i == j ? ref : 0, blk[i * n + j], 1e-11 * ref, "l=" + l);
        }
    }

    /** 4π/(2l+1) ∫∫ R_a(r) R_b(r') r_<^l / r_>^{l+1} r² r'² dr dr', composite Gauss–Legendre. */
    static double radialCoulomb(int l, Shell sa, Shell sb) {
        double[] ea = sa.exponents(), da = sa.normalizedCoefficients();
        double[] eb = sb.exponents(), db = sb.normalizedCoefficients();
        double rmax = 14;
        int panels = 70;
        double[][] gl = BoysTest.GL;
        double total = 0;
        for (int p = 0; p < panels; p++) {
            double lo = rmax * p / panels, hi = rmax * (p + 1) / panels;
            for (int i = 0; i < gl[0].length; i++) {
                double r = (lo + hi) / 2 + (hi - lo) / 2 * gl[0][i];
                double w = (hi - lo) / 2 * gl[1][i];
                double inner = 0;
                // ∫_0^r R_b r'^{l+2} dr' / r^{l+1} + r^l ∫_r^∞ R_b r'^{1-l} dr', with R_b = Σ d r'^l e^{-b r'²}
                inner += glIntegral(0, r, x -> radial(eb, db, l, x) * Math.pow(x, l + 2)) / Math.pow(r, l + 1);
                inner += Math.pow(r, l) * glIntegral(r, rmax, x -> radial(eb, db, l, x) * Math.pow(x, 1 - l));
                total += w * r * r * radial(ea, da, l, r) * inner;
            }
        }
        return 4 * Math.PI / (2 * l + 1) * total;
    }

    static double radial(double[] e, double[] d, int l, double r) {
        double s = 0;
        for (int i = 0; i < e.length; i++) s += d[i] * Math.exp(-e[i] * r * r);
        return s * Math.pow(r, l);
    }

    static double glIntegral(double lo, double hi, java.util.function.DoubleUnaryOperator f) {
        int panels = 6;
        double[][] gl = BoysTest.GL;
        double s = 0;
        for (int p = 0; p < panels; p++) {
            double a = lo + (hi - lo) * p / panels, b = lo + (hi - lo) * (p + 1) / panels;
            for (int i = 0; i < gl[0].length; i++) s += (b - a) / 2 * gl[1][i] * f.applyAsDouble((a + b) / 2 + (b - a) / 2 * gl[0][i]);
        }
        return s;
    }

    static BasisFunctions randomStructure(Random rnd, double[] centres) {
        int nc = centres.length / 3;
        @SuppressWarnings("unchecked")
        List<Shell>[] per = new List[nc];
        for (int c = 0; c < nc; c++) {
            per[c] = new ArrayList<>();
            for (int l = 0; l <= 7; l++) {
                if (rnd.nextDouble() < 0.6 || l == c) per[c].add(TestSupport.randomShell(rnd, l, 1 + rnd.nextInt(3), 0.3, 8));
            }
        }
        return TestSupport.structure(centres, per);
    }

    @Test
    void exchangeSymmetryAndPositiveDefiniteness() {
        Random rnd = new Random(11);
        double[] centres = {0, 0, 0, 1.4, 0.3, -0.2, -0.6, 1.9, 0.8, 0.2, -1.1, 2.3};
        BasisFunctions bf = randomStructure(rnd, centres);
        for (int i = 0; i < bf.shells(); i++) {
            for (int j = 0; j < bf.shells(); j++) {
                int ni = 2 * bf.shellL(i) + 1, nj = 2 * bf.shellL(j) + 1;
                double[] sij = Integrals.overlapBlock(bf, i, bf, j), sji = Integrals.overlapBlock(bf, j, bf, i);
                double[] jij = Integrals.coulombBlock(bf, i, bf, j), jji = Integrals.coulombBlock(bf, j, bf, i);
                for (int a = 0; a < ni; a++) {
                    for (int b = 0; b < nj; b++) {
                        assertEquals(sij[a * nj + b], sji[b * ni + a], 1e-14);
                        assertEquals(jij[a * nj + b], jji[b * ni + a], 1e-13);
                    }
                }
            }
        }
        int n = bf.size();
        assertTrue(TestSupport.cholesky(Integrals.coulombMatrix(bf), n), "Coulomb matrix not positive definite");
        assertTrue(TestSupport.cholesky(Integrals.overlapMatrix(bf), n), "overlap matrix not positive definite");
    }

    @Test
    void translationAndInversion() {
        Random rnd = new Random(12);
        double[] c = {0.1, 0.2, 0.3, 1.2, -0.9, 0.4, -0.7, 0.5, 1.6};
        BasisFunctions bf = randomStructure(rnd, c);
        Random rnd2 = new Random(12), rnd3 = new Random(12);
        double[] shifted = c.clone(), inverted = c.clone();
        for (int i = 0; i < c.length; i++) {
            shifted[i] += (i % 3 == 0 ? 3.7 : i % 3 == 1 ? -2.1 : 0.9);
            inverted[i] = -c[i];
        }
        BasisFunctions bfT = randomStructure(rnd2, shifted);
        BasisFunctions bfI = randomStructure(rnd3, inverted);
        double[] s = Integrals.overlapMatrix(bf), j = Integrals.coulombMatrix(bf);
        assertTrue(TestSupport.maxAbs(s, Integrals.overlapMatrix(bfT)) < 1e-13);
        assertTrue(TestSupport.maxAbs(j, Integrals.coulombMatrix(bfT)) < 1e-12);
        double[] sI = Integrals.overlapMatrix(bfI), jI = Integrals.coulombMatrix(bfI);
        int n = bf.size();
        int[] lOf = new int[n];
        for (int sh = 0; sh < bf.shells(); sh++) {
            for (int m = 0; m < 2 * bf.shellL(sh) + 1; m++) lOf[bf.shellOffset(sh) + m] = bf.shellL(sh);
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double sign = ((lOf[a] + lOf[b]) % 2 == 0) ? 1 : -1;
                assertEquals(s[a * n + b], sign * sI[a * n + b], 1e-13);
                assertEquals(j[a * n + b], sign * jI[a * n + b], 1e-12);
            }
        }
    }

    /**
     * Rotation: S(A,B) = D^la S(RA,RB) D^lb^T with D^l the real rotation matrix of the solid
     * harmonics, obtained here by fitting S_lm(R^T x) = Σ D_mm' S_lm'(x) at 2l+1 random points.
     */
    @Test
    void rotationCovariance() {
        Random rnd = new Random(5);
        double[] c = {0.3, -0.4, 0.1, 1.1, 0.8, -0.9};
        BasisFunctions bf = randomStructure(rnd, c);
        double[] rot = randomRotation(new Random(6));
        double[] rc = new double[c.length];
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 3; k++) {
                for (int q = 0; q < 3; q++) rc[3 * i + k] += rot[3 * k + q] * c[3 * i + q];
            }
        }
        BasisFunctions bfR = randomStructure(new Random(5), rc);
        double[][] dl = new double[8][];
        for (int l = 0; l <= 7; l++) dl[l] = wigner(l, rot, new Random(l));
        double worstS = 0, worstJ = 0;
        for (int i = 0; i < bf.shells(); i++) {
            for (int j = 0; j < bf.shells(); j++) {
                int li = bf.shellL(i), lj = bf.shellL(j);
                double[] s = Integrals.overlapBlock(bf, i, bf, j), sR = Integrals.overlapBlock(bfR, i, bfR, j);
                double[] jj = Integrals.coulombBlock(bf, i, bf, j), jR = Integrals.coulombBlock(bfR, i, bfR, j);
                worstS = Math.max(worstS, TestSupport.maxAbs(s, sandwich(dl[li], sR, dl[lj], 2 * li + 1, 2 * lj + 1)));
                worstJ = Math.max(worstJ, TestSupport.maxAbs(jj, sandwich(dl[li], jR, dl[lj], 2 * li + 1, 2 * lj + 1)));
            }
        }
        assertTrue(worstS < 1e-11, "overlap rotation error " + worstS);
        assertTrue(worstJ < 1e-10, "Coulomb rotation error " + worstJ);
    }

    static double[] sandwich(double[] da, double[] m, double[] db, int na, int nb) {
        double[] t = new double[na * nb], out = new double[na * nb];
        for (int a = 0; a < na; a++) for (int b = 0; b < nb; b++) for (int k = 0; k < na; k++) t[a * nb + b] += da[a * na + k] * m[k * nb + b];
        for (int a = 0; a < na; a++) for (int b = 0; b < nb; b++) for (int k = 0; k < nb; k++) out[a * nb + b] += t[a * nb + k] * db[b * nb + k];
        return out;
    }

    static double[] randomRotation(Random rnd) {
        double q0 = rnd.nextGaussian(), q1 = rnd.nextGaussian(), q2 = rnd.nextGaussian(), q3 = rnd.nextGaussian();
        double n = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
        q0 /= n; q1 /= n; q2 /= n; q3 /= n;
        return new double[] {
            1 - 2 * (q2 * q2 + q3 * q3), 2 * (q1 * q2 - q0 * q3), 2 * (q1 * q3 + q0 * q2),
            2 * (q1 * q2 + q0 * q3), 1 - 2 * (q1 * q1 + q3 * q3), 2 * (q2 * q3 - q0 * q1),
            2 * (q1 * q3 - q0 * q2), 2 * (q2 * q3 + q0 * q1), 1 - 2 * (q1 * q1 + q2 * q2)};
    }

    /** D with S(R^T x) = D S(x), solved from 2l+1 random points: D = Y' Y^{-1}. */
    static double[] wigner(int l, double[] rot, Random rnd) {
        int n = 2 * l + 1;
        double[] y = new double[n * n], yr = new double[n * n], col = new double[n];
        for (int k = 0; k < n; k++) {
            double[] x = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            double[] xr = new double[3];
            for (int i = 0; i < 3; i++) for (int q = 0; q < 3; q++) xr[i] += rot[3 * q + i] * x[q]; // R^T x
            SolidHarmonics.evaluate(l, x[0], x[1], x[2], col, 0);
            for (int m = 0; m < n; m++) y[m * n + k] = col[m];
            SolidHarmonics.evaluate(l, xr[0], xr[1], xr[2], col, 0);
            for (int m = 0; m < n; m++) yr[m * n + k] = col[m];
        }
        // D Y = Y'  <=>  Y^T D^T = Y'^T: solve column by column with Gaussian elimination
        double[] d = new double[n * n];
        for (int m = 0; m < n; m++) {
            double[] a = new double[n * n], b = new double[n];
            for (int k = 0; k < n; k++) {
                for (int q = 0; q < n; q++) a[k * n + q] = y[q * n + k];
                b[k] = yr[m * n + k];
            }
            double[] sol = solve(a, b, n);
            System.arraycopy(sol, 0, d, m * n, n);
        }
        return d;
    }

    static double[] solve(double[] a, double[] b, int n) {
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[piv * n + c])) piv = r;
            for (int k = 0; k < n; k++) { double t = a[c * n + k]; a[c * n + k] = a[piv * n + k]; a[piv * n + k] = t; }
            double t = b[c]; b[c] = b[piv]; b[piv] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r * n + c] / a[c * n + c];
                for (int k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r * n + k] * x[k];
            x[r] = s / a[r * n + r];
        }
        return x;
    }
}
