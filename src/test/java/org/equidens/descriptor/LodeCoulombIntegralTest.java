package org.equidens.descriptor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equidens.math.GaussLegendre;
import org.equidens.math.Rotations;
import org.equidens.math.SphericalHarmonics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact molecular radial integral I^V_nl(d) against an independent brute-force 3D quadrature of
 * its definition ∫ B_n(r) Y_lm(r̂) erf(|r−d|/√2σ)/|r−d| d³r, its multipole tail, its spline, and the
 * special functions it needs.
 */
class LodeCoulombIntegralTest {
    private static final int LMAX = 3;

    /**
     * c_nlm of a unit Gaussian charge at d by a product quadrature over all space: r (composite
     * Gauss–Legendre), polar angle θ measured from a random axis near d̂ (composite GL, finer near the
     * peak), azimuth φ (trapezoid). Returns [l][m][n] divided by nothing: compare with Y_lm(d̂) I^V_nl(d).
     */
    static double[] bruteForce(GtoRadialBasis basis, double sigma, double[] d, double[] pole) {
        int size = basis.size();
        double dist = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        // orthonormal frame (e1, e2, pole)
        double[] e3 = normalise(pole);
        double[] t = Math.abs(e3[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] e1 = normalise(cross(t, e3));
        double[] e2 = cross(e3, e1);
        double rEnd = LodeCoulombIntegral.basisExtent(basis, LMAX);
        GaussLegendre gl = new GaussLegendre(10);
        double hr = 0.8 * Math.min(sigma, basis.sigma(0));
        int nr = (int) Math.ceil(rEnd / hr);
        int nPhi = 16;
        // θ panels: fine (σ/(4d)) up to 12σ/d, then 0.05
        java.util.List<double[]> thetaPanels = new java.util.ArrayList<>();
        double th = 0;
        double fine = dist > 0 ? Math.min(0.08, sigma / (2 * dist)) : 0.08;
        double fineEnd = dist > 0 ? Math.min(Math.PI, 12 * sigma / dist + 0.2) : 0;
        while (th < Math.PI) {
            double next = Math.min(Math.PI, th + (th < fineEnd ? fine : 0.08));
            thetaPanels.add(new double[] {th, next});
            th = next;
        }
        int nLM = (LMAX + 1) * (LMAX + 1);
        SphericalHarmonics sh = new SphericalHarmonics(LMAX);
        double[] y = new double[nLM];
        double[] out = new double[nLM * size];
        double[] b = new double[size];
        double[] tmp = new double[size];
        double[] angular = new double[nLM]; // Σ_φ Y_lm at one θ
        for (double[] panel : thetaPanels) {
            for (int it = 0; it < gl.size(); it++) {
                double theta = gl.node(it, panel[0], panel[1]);
                double wt = gl.weight(it, panel[0], panel[1]) * Math.sin(theta);
                double ct = Math.cos(theta);
                double st = Math.sin(theta);
                java.util.Arrays.fill(angular, 0.0);
                // point direction and its distance to d depend on φ: do the full sum
                for (int ir = 0; ir < nr; ir++) {
                    for (int kr = 0; kr < gl.size(); kr++) {
                        double r = gl.node(kr, ir * hr, (ir + 1) * hr);
                        double wr = gl.weight(kr, ir * hr, (ir + 1) * hr) * r * r;
                        basis.evaluate(r, b, tmp);
                        for (int ip = 0; ip < nPhi; ip++) {
                            double phi = 2 * Math.PI * ip / nPhi;
                            double ux = st * Math.cos(phi), uy = st * Math.sin(phi);
                            double px = r * (ux * e1[0] + uy * e2[0] + ct * e3[0]);
                            double py = r * (ux * e1[1] + uy * e2[1] + ct * e3[1]);
                            double pz = r * (ux * e1[2] + uy * e2[2] + ct * e3[2]);
                            double rho = Math.sqrt((px - d[0]) * (px - d[0]) + (py - d[1]) * (py - d[1]) + (pz - d[2]) * (pz - d[2]));
                            double g = rho < 1e-8 ? Math.sqrt(2 / Math.PI) / sigma : LodePotential.erf(rho / (Math.sqrt(2) * sigma)) / rho;
                            sh.compute(px, py, pz, y);
                            double w = wt * wr * g * 2 * Math.PI / nPhi;
                            for (int lm = 0; lm < nLM; lm++) {
                                double wy = w * y[lm];
                                for (int n = 0; n < size; n++) out[lm * size + n] += wy * b[n];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static double[] normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    @ParameterizedTest(name = "σ={0}, d={1}, seed {2}")
    @CsvSource({"0.5, 0.0, 1", "0.5, 0.8, 2", "0.3, 1.7, 3", "0.3, 4.2, 4"})
    void matchesBruteForce3dQuadrature(double sigma, double dist, int seed) {
        SplittableRandom rng = new SplittableRandom(0x10DEL + seed);
        GtoRadialBasis basis = new GtoRadialBasis(4, 2.5);
        LodeCoulombIntegral exact = new LodeCoulombIntegral(basis, LMAX, sigma);
        double[] dir = Rotations.apply(Rotations.random(rng), 0, 0, 1);
        double[] d = {dist * dir[0], dist * dir[1], dist * dir[2]};
        // grid pole a little off d̂ so that nothing is aligned by construction
        double[] pole = {dir[0] + 0.05, dir[1] - 0.03, dir[2] + 0.02};
        double[] brute = bruteForce(basis, sigma, d, pole);
        double[] radial = new double[exact.length()];
        exact.compute(dist, radial, null);
        double[] y = new double[(LMAX + 1) * (LMAX + 1)];
        new SphericalHarmonics(LMAX).compute(d[0], d[1], d[2], y);
        int size = basis.size();
        double maxErr = 0, scale = 0;
        for (int l = 0; l <= LMAX; l++) {
            for (int m = -l; m <= l; m++) {
                int lm = l * l + l + m;
                for (int n = 0; n < size; n++) {
                    double ours = y[lm] * radial[l * size + n];
                    maxErr = Math.max(maxErr, Math.abs(ours - brute[lm * size + n]));
                    scale = Math.max(scale, Math.abs(brute[lm * size + n]));
                }
            }
        }
        System.out.printf("I^V vs brute-force 3D quadrature, σ=%.1f d=%.1f: max |error| %.2e (max |c| %.2e)%n", sigma, dist, maxErr, scale);
        assertTrue(maxErr < 1e-9 * Math.max(1, scale), "max error " + maxErr);
    }

    @Test
    void multipoleTailIsExactWhereItTakesOver() {
        for (double sigma : new double[] {0.3, 1.0}) {
            GtoRadialBasis basis = new GtoRadialBasis(8, 4.0);
            LodeCoulombIntegral exact = new LodeCoulombIntegral(basis, 6, sigma);
            double d = exact.radius();
            double[] quad = new double[exact.length()];
            double[] dq = new double[exact.length()];
            double[] tail = new double[exact.length()];
            double[] dt = new double[exact.length()];
            exact.compute(d, quad, dq);
            exact.tail(d, tail, dt);
            double worst = 0;
            for (int l = 0; l <= 6; l++) {
                double scale = 0;
                for (int n = 0; n < 8; n++) scale = Math.max(scale, Math.abs(tail[l * 8 + n]));
                for (int n = 0; n < 8; n++) {
                    worst = Math.max(worst, Math.abs(quad[l * 8 + n] - tail[l * 8 + n]) / scale);
                    worst = Math.max(worst, Math.abs(dq[l * 8 + n] - dt[l * 8 + n]) / (scale * (l + 1) / d));
                }
            }
            System.out.printf("σ=%.1f: tail starts at %.2f Å, quadrature vs multipole tail there: %.2e (relative per l)%n", sigma, d, worst);
            assertTrue(worst < 1e-12, "tail mismatch " + worst);
        }
    }

    @Test
    void derivativeMatchesFiniteDifferences() {
        GtoRadialBasis basis = new GtoRadialBasis(6, 3.0);
        LodeCoulombIntegral exact = new LodeCoulombIntegral(basis, 4, 0.4);
        int len = exact.length();
        double[] v = new double[len], dv = new double[len], p = new double[len], m = new double[len];
        double h = 1e-4;
        double worst = 0;
        for (double d : new double[] {0.3, 1.1, 2.9, 6.5}) {
            exact.compute(d, v, dv);
            exact.compute(d + h, p, null);
            exact.compute(d - h, m, null);
            for (int k = 0; k < len; k++) worst = Math.max(worst, Math.abs((p[k] - m[k]) / (2 * h) - dv[k]));
        }
        assertTrue(worst < 1e-7, "derivative vs central difference " + worst);
    }

    @Test
    void splineAgreesWithExact() {
        GtoRadialBasis basis = new GtoRadialBasis(8, 4.0);
        LodeCoulombIntegral exact = new LodeCoulombIntegral(basis, 6, 0.3);
        RadialSpline spline = RadialSpline.build(exact, 1e-8);
        SplittableRandom rng = new SplittableRandom(0x5EED_0001L);
        double[] a = new double[exact.length()], b = new double[exact.length()];
        double worst = 0;
        for (int t = 0; t < 200; t++) {
            double d = rng.nextDouble() * exact.radius();
            exact.compute(d, a, null);
            spline.compute(d, b, null);
            for (int k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
        }
        System.out.printf("I^V spline (1e-8, %d knots at l=0) vs exact: max |error| %.2e%n", spline.knots(0), worst);
        assertTrue(worst < 1e-6, "spline error " + worst);
    }

    @Test
    void specialFunctions() {
        assertClose(0.842700792949714869, LodePotential.erf(1.0), 2e-16);
        assertClose(2.20904969985854413727e-5, LodePotential.erfc(3.0), 1e-15);
        assertClose(0.219383934395520273677, LodePotential.expIntegralE1(1.0), 5e-15);
        assertClose(1.148295591275325797e-3, LodePotential.expIntegralE1(5.0), 1e-15);
        // the branches meet
        assertClose(LodePotential.erfc(2.5 - 1e-12), LodePotential.erfc(2.5), 1e-11);
        assertClose(LodePotential.expIntegralE1(1.0 - 1e-12), LodePotential.expIntegralE1(1.0 + 1e-12), 1e-11);
        for (double y : new double[] {0.01, 0.7, 3.0, 9.0, 30.0}) {
            assertClose(LodePotential.erf(Math.sqrt(y)), LodePotential.regularizedLowerGamma(1, y), 1e-14);
            assertClose(-Math.expm1(-y), LodePotential.regularizedLowerGamma(2, y), 1e-14);
        }
        // large-x closed form of e^(−x) i_l(x) against the continued fraction
        double[] a = new double[9], b = new double[9];
        for (double x : new double[] {140.0, 300.0}) {
            LodeCoulombIntegral.scaledBessel(8, x, a);
            org.equidens.math.SpecialFunctions.scaledSphericalBesselI(8, x, b);
            for (int l = 0; l <= 8; l++) assertClose(b[l], a[l], 1e-14);
        }
    }

    private static void assertClose(double expected, double actual, double relTol) {
        assertTrue(Math.abs(expected - actual) <= relTol * Math.abs(expected), "expected " + expected + " got " + actual);
    }
}
