package org.equidens.basis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Helpers shared by the basis tests: random shells, tiny structures, brute-force grid integrals. */
final class TestSupport {
    private TestSupport() {}

    static final String[] LABELS = {"H", "He", "Li", "Be", "B", "C", "N", "O"};

    static Shell randomShell(Random rnd, int l, int nprim, double minExp, double maxExp) {
        double[] e = new double[nprim], c = new double[nprim];
        for (int i = 0; i < nprim; i++) {
            e[i] = minExp * Math.pow(maxExp / minExp, rnd.nextDouble());
            c[i] = 0.2 + rnd.nextDouble();
        }
        return new Shell(l, e, c);
    }

    /** One pseudo-element per centre, carrying the given shells; centres in bohr. */
    @SafeVarargs
    static BasisFunctions structure(double[] centresBohr, List<Shell>... shellsPerCentre) {
        Map<String, List<Shell>> map = new LinkedHashMap<>();
        String[] sym = new String[shellsPerCentre.length];
        for (int i = 0; i < shellsPerCentre.length; i++) {
            sym[i] = LABELS[i];
            map.put(LABELS[i], new ArrayList<>(shellsPerCentre[i]));
        }
        return new BasisFunctions(new BasisSet("test", map), sym, centresBohr);
    }

    /** Results of brute-force integration on a uniform grid (trapezoid rule, spectrally accurate for Gaussians). */
    static final class Grid {
        double[] overlap; // n×n
        double[] integral; // n
        double[] firstMoment; // 3×n, about origin 0
    }

    /**
     * Uniform grid of spacing h over the cube centre ± half; all functions evaluated plane by plane.
     */
    static Grid integrate(BasisFunctions bf, double[] centre, double half, double h) {
        int n = bf.size();
        int np = (int) Math.ceil(half / h);
        int side = 2 * np + 1;
        double[] pts = new double[3 * side * side];
        double[] vals = new double[side * side * n];
        Grid g = new Grid();
        g.overlap = new double[n * n];
        g.integral = new double[n];
        g.firstMoment = new double[3 * n];
        double w = h * h * h;
        for (int iz = -np; iz <= np; iz++) {
            int k = 0;
            for (int ix = -np; ix <= np; ix++) {
                for (int iy = -np; iy <= np; iy++) {
                    pts[3 * k] = centre[0] + ix * h;
                    pts[3 * k + 1] = centre[1] + iy * h;
                    pts[3 * k + 2] = centre[2] + iz * h;
                    k++;
                }
            }
            bf.evaluate(pts, k, vals);
            for (int p = 0; p < k; p++) {
                int b = p * n;
                for (int f = 0; f < n; f++) {
                    double v = vals[b + f] * w;
                    if (v == 0) continue;
                    g.integral[f] += v;
                    for (int a = 0; a < 3; a++) g.firstMoment[a * n + f] += pts[3 * p + a] * v;
                    for (int f2 = 0; f2 < n; f2++) g.overlap[f * n + f2] += v * vals[b + f2];
                }
            }
        }
        return g;
    }

    static double maxAbs(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /** In-place Cholesky of an n×n symmetric matrix; false if not positive definite. */
    static boolean cholesky(double[] m, int n) {
        double[] a = m.clone();
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0)) return false;
            d = Math.sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / d;
            }
        }
        return true;
    }
}
