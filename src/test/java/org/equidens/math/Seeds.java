package org.equidens.math;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Shared seeds and random draws for the property tests (seed → reproducible failure). */
final class Seeds {
    static final int COUNT = 50;

    private Seeds() {}

    static IntStream seeds() {
        return IntStream.range(0, COUNT);
    }

    static SplittableRandom rng(int seed) {
        return new SplittableRandom(0x5EED_0000L + seed);
    }

    /** Uniform unit vector. */
    static double[] direction(SplittableRandom rng) {
        double z = 2 * rng.nextDouble() - 1, phi = 2 * Math.PI * rng.nextDouble(), s = Math.sqrt(1 - z * z);
        return new double[] {s * Math.cos(phi), s * Math.sin(phi), z};
    }

    static double[] gaussianVector(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        return v;
    }

    /** y = M x for a row-major n×n matrix. */
    static double[] matVec(double[] m, double[] x) {
        int n = x.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += m[i * n + j] * x[j];
            y[i] = s;
        }
        return y;
    }

    /** The l-block of a flat harmonics array. */
    static double[] block(double[] y, int l) {
        double[] b = new double[2 * l + 1];
        System.arraycopy(y, l * l, b, 0, 2 * l + 1);
        return b;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("length mismatch");
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
