package org.equidens.descriptor;

import java.util.concurrent.ConcurrentHashMap;
import org.equidens.math.ClebschGordan;

/**
 * The nonzero entries of the real CG table (l1, l2) → λ, grouped by (m1, μ): a small fraction of
 * the dense table is nonzero (8.6% over all l1, l2 ≤ 8), and for fixed (m1, μ) only a few m2
 * survive. Grouping lets the power spectrum first contract B over m2 (cheap, length S·N) and then
 * do one rank-1 update per (m1, μ) group instead of one per nonzero entry; groups are ordered by
 * μ so that several updates of the same output row can be fused.
 *
 * <p>Group g covers entries {@code start[g] ≤ e < start[g+1]}; all share m1 = {@code m1[g]} and
 * μ = {@code mu[g]} (stored offset: m1+l1, μ+λ), with m2 = {@code m2[e]} (stored m2+l2) and
 * coefficient {@code value[e]}. Entries below {@link #ZERO} in magnitude are rounding residue of
 * the complex→real transform (the true nonzero values are far larger for the l in use) and are dropped.
 */
final class SparseClebschGordan {
    /** Magnitude below which a tabulated real CG entry is treated as an exact zero. */
    static final double ZERO = 1e-13;
    private static final ConcurrentHashMap<Long, SparseClebschGordan> CACHE = new ConcurrentHashMap<>();

    final int l1, l2, lambda;
    final int[] m1, mu, start, m2;
    /** Groups with μ-offset u are {@code muStart[u] ≤ g < muStart[u+1]} (ordered by μ, then m1). */
    final int[] muStart;
    final double[] value;

    private SparseClebschGordan(int l1, int l2, int lambda) {
        this.l1 = l1;
        this.l2 = l2;
        this.lambda = lambda;
        double[] dense = ClebschGordan.real(l1, l2, lambda);
        int n1 = 2 * l1 + 1, n2 = 2 * l2 + 1, nl = 2 * lambda + 1;
        int nnz = 0, groups = 0;
        for (int a = 0; a < n1; a++)
            for (int u = 0; u < nl; u++) {
                boolean any = false;
                for (int b = 0; b < n2; b++)
                    if (Math.abs(dense[(a * n2 + b) * nl + u]) > ZERO) {
                        nnz++;
                        any = true;
                    }
                if (any) groups++;
            }
        m1 = new int[groups];
        mu = new int[groups];
        start = new int[groups + 1];
        m2 = new int[nnz];
        value = new double[nnz];
        muStart = new int[nl + 1];
        int g = 0, e = 0;
        for (int u = 0; u < nl; u++) {
            muStart[u] = g;
            for (int a = 0; a < n1; a++) {
                int e0 = e;
                for (int b = 0; b < n2; b++) {
                    double c = dense[(a * n2 + b) * nl + u];
                    if (Math.abs(c) > ZERO) {
                        m2[e] = b;
                        value[e++] = c;
                    }
                }
                if (e > e0) {
                    m1[g] = a;
                    mu[g] = u;
                    start[g++] = e0;
                }
            }
        }
        muStart[nl] = groups;
        start[groups] = nnz;
    }

    static SparseClebschGordan of(int l1, int l2, int lambda) {
        long key = ((long) l1 << 42) | ((long) l2 << 21) | lambda;
        SparseClebschGordan s = CACHE.get(key);
        if (s == null) s = CACHE.computeIfAbsent(key, k -> new SparseClebschGordan(l1, l2, lambda));
        return s;
    }

    int groups() {
        return m1.length;
    }

    int nonzeros() {
        return value.length;
    }
}
