package org.equidens.basis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Boys function against independent numerical quadrature, at and around the method switch. */
class BoysTest {

    /** Gauss–Legendre nodes/weights on [-1,1] by Newton iteration on P_n. */
    static double[][] gaussLegendre(int n) {
        double[] x = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int it = 0; it < 100; it++) {
                double p0 = 1, p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) break;
            }
            x[i] = z;
            w[i] = 2 / ((1 - z * z) * dp * dp);
        }
        return new double[][] {x, w};
    }

    static final double[][] GL = gaussLegendre(40);

    /** ∫_0^1 t^{2n} e^{-T t²} dt, composite 40-point Gauss–Legendre on 64 panels. */
    static double quad(int n, double t) {
        int panels = 64;
        double s = 0;
        for (int p = 0; p < panels; p++) {
            double a = (double) p / panels, b = (double) (p + 1) / panels;
            double c = (a + b) / 2, h = (b - a) / 2;
            for (int i = 0; i < GL[0].length; i++) {
                double u = c + h * GL[0][i];
                s += h * GL[1][i] * Math.pow(u, 2 * n) * Math.exp(-t * u * u);
            }
        }
        return s;
    }

    @Test
    void matchesQuadrature() {
        double[] ts = {0, 1e-12, 1e-6, 0.01, 0.3, 1, 2.5, 7, 15, 29.9, 35, 39.99, 40.01, 44.9, 45.1, 60, 80, 100, 150, 300};
        int nmax = 30;
        double[] f = new double[nmax + 1];
        double worst = 0;
        for (double t : ts) {
            Boys.values(nmax, t, f);
            for (int n = 0; n <= nmax; n++) {
                double ref = quad(n, t);
                double rel = Math.abs(f[n] - ref) / ref;
                worst = Math.max(worst, rel);
                assertTrue(rel < 1e-13, "F_" + n + "(" + t + ") = " + f[n] + " vs " + ref + " rel " + rel);
            }
        }
        System.out.printf("Boys: worst relative error vs quadrature %.2e%n", worst);
    }

    @Test
    void smallOrdersAcrossTheSwitchAreConsistent() {
        // the same F_n from tables of different nmax (different switch points and methods) agree
        for (double t = 0.05; t < 120; t *= 1.37) {
            double[] a = new double[3], b = new double[29];
            Boys.values(2, t, a);
            Boys.values(28, t, b);
            for (int n = 0; n <= 2; n++) assertEquals(1, a[n] / b[n], 2e-15, "T=" + t + " n=" + n);
        }
        assertEquals(1.0 / 7, Boys.value(3, 0), 1e-16);
        assertEquals(0.5 * Math.sqrt(Math.PI / 1000.0), Boys.value(0, 1000), 1e-18);
    }
}
