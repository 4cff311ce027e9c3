package org.equidens.realspace;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Targeted sampling (TS, eq. 5 of Feng, Zhang and Jiang 2025): grid points drawn without replacement
 * with probability ∝ exp(−(1/n)²/(2σ²)), which is ≈ 1 where |n| ≫ 1/σ and vanishes where the field
 * does; for a response, whose sign carries no weight, |n| is used. So the samples concentrate where
 * the field is, without the core dominating the way p ∝ n would.
 *
 * <p>Draws use exponential keys (Efraimidis–Spirakis): point g gets E_g/w_g with E_g ~ Exp(1), and the
 * k smallest keys, in increasing order, are a sample of k successive weighted draws without
 * replacement. Keys are computed in log space, ln E_g + 1/(2σ²n_g²), so that weights far below the
 * double range still order correctly. The order of the result is the draw order: its first m entries
 * are a TS sample of size m.
 */
public final class TargetedSampling {
    private TargetedSampling() {}

    /**
     * @param values field values at all grid points
     * @param k      number of points to draw (at most values.length)
     * @param sigma  σ in the field's inverse units (for e/bohr³: bohr³/e; the paper's 80 Å³/e is 540 bohr³/e)
     * @param seed   random seed
     * @return k grid indices in draw order
     */
    public static int[] sample(double[] values, int k, double sigma, long seed) {
        if (k < 0 || k > values.length) throw new IllegalArgumentException("cannot draw " + k + " of " + values.length + " points");
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be positive");
        int n = values.length;
        double[] key = new double[n];
        SplittableRandom rng = new SplittableRandom(seed);
        double c = 1 / (2 * sigma * sigma);
        for (int g = 0; g < n; g++) {
            double v = Math.abs(values[g]);
            double e = -Math.log(1 - rng.nextDouble()); // Exp(1), > 0
            key[g] = v == 0 ? Double.POSITIVE_INFINITY : Math.log(e) + c / (v * v);
        }
        if (k == 0) return new int[0];
        double[] sorted = key.clone();
        Arrays.sort(sorted);
        double threshold = sorted[k - 1];
        int[] idx = new int[k];
        int m = 0;
        for (int g = 0; g < n && m < k; g++) if (key[g] < threshold) idx[m++] = g;
        for (int g = 0; g < n && m < k; g++) if (key[g] == threshold) idx[m++] = g;
        // order by key: the draw order
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        final int[] sel = idx;
        Arrays.sort(order, (a, b) -> Double.compare(key[sel[a]], key[sel[b]]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) out[i] = idx[order[i]];
        return out;
    }

    /** σ for which a point of |n| = nRef is drawn with relative weight e^{−1/2}: 1/nRef. */
    public static double sigmaAt(double nRef) {
        return 1 / nRef;
    }

    /** The q-quantile (0..1) of |n| over the grid, a scale for {@link #sigmaAt}. */
    public static double absQuantile(double[] values, double q) {
        double[] a = new double[values.length];
        for (int i = 0; i < a.length; i++) a[i] = Math.abs(values[i]);
        Arrays.sort(a);
        return a[(int) Math.min(a.length - 1, Math.max(0, Math.round(q * (a.length - 1))))];
    }
}
