package org.equidens.math;

import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clebsch–Gordan coefficients, complex (Condon–Shortley) and for the project's real harmonics.
 *
 * <p>The complex coefficients come from the Racah formula evaluated in exact integer arithmetic
 * (the square of a CG coefficient is rational), so they are correctly rounded for any l — no
 * cancellation between the alternating terms, which ruins log-factorial evaluation past l≈15.
 *
 * <p>The real coefficients follow featomic ≥ 0.6.1: C^real = U^λ·C^cplx·(U^{l1}† ⊗ U^{l2}†), with U^l
 * mapping complex Y (with CS phase) to {@link SphericalHarmonics}' real Y. The product is purely
 * real when l1+l2+λ is even and purely imaginary when odd; we keep the non-vanishing part (the
 * imaginary part for odd parity, which is what makes e.g. (1,1)→1 the cross product (a×b)/√2).
 * Odd-parity couplings are pseudo-tensors: equivariant under proper rotations only.
 *
 * <p>Tables are dense and cached forever: every table with l1, l2 ≤ 8 is ~3.5 MB and 0.1 s to build,
 * but all tables up to l=20 would be ~570 MB and ~10 s, so ask only for the triples you use.
 */
public final class ClebschGordan {
    private static final ConcurrentHashMap<Long, double[]> REAL = new ConcurrentHashMap<>();

    private ClebschGordan() {}

    /**
     * C^{λμ}_{l1 m1, l2 m2} for real harmonics, dense, index [(m1+l1)*(2l2+1) + (m2+l2)]*(2λ+1) + (μ+λ).
     * Zero array if the triangle rule fails. Returned array is shared: do not modify.
     */
    public static double[] real(int l1, int l2, int lambda) {
        if (l1 < 0 || l2 < 0 || lambda < 0) throw new IllegalArgumentException("negative angular momentum");
        long key = ((long) l1 << 42) | ((long) l2 << 21) | lambda;
        double[] c = REAL.get(key);
        if (c == null) c = REAL.computeIfAbsent(key, k -> computeReal(l1, l2, lambda));
        return c;
    }

    /** Standard (Condon–Shortley) ⟨l1 m1 l2 m2 | L M⟩; zero when not allowed. */
    public static double complex(int l1, int m1, int l2, int m2, int L, int M) {
        if (l1 < 0 || l2 < 0 || L < 0) throw new IllegalArgumentException("negative angular momentum");
        if (M != m1 + m2 || Math.abs(m1) > l1 || Math.abs(m2) > l2 || Math.abs(M) > L) return 0.0;
        if (L < Math.abs(l1 - l2) || L > l1 + l2) return 0.0;
        // Racah: CG = sqrt(pre) * S, pre = (2L+1) (L+l1-l2)!(L-l1+l2)!(l1+l2-L)!/(l1+l2+L+1)!
        //   * (L+M)!(L-M)!(l1-m1)!(l1+m1)!(l2-m2)!(l2+m2)!,
        // S = sum_k (-1)^k / [k!(l1+l2-L-k)!(l1-m1-k)!(l2+m2-k)!(L-l2+m1+k)!(L-l1-m2+k)!].
        int a = l1 + l2 - L, b = l1 - m1, c = l2 + m2, d = L - l2 + m1, e = L - l1 - m2;
        int kmin = Math.max(0, Math.max(-d, -e));
        int kmax = Math.min(a, Math.min(b, c));
        if (kmin > kmax) return 0.0;
        // S exactly, scaled by q = a!b!c!(d+kmax)!(e+kmax)!kmax!, which each term's denominator
        // k!(a-k)!(b-k)!(c-k)!(d+k)!(e+k)! divides factor by factor: every scaled term t_k is an
        // integer, and t_{k+1} = t_k (a-k)(b-k)(c-k) / ((k+1)(d+k+1)(e+k+1)) exactly.
        BigInteger q = fact(a).multiply(fact(b)).multiply(fact(c))
                .multiply(fact(d + kmax)).multiply(fact(e + kmax)).multiply(fact(kmax));
        BigInteger term = q.divide(fact(kmin).multiply(fact(a - kmin)).multiply(fact(b - kmin))
                .multiply(fact(c - kmin)).multiply(fact(d + kmin)).multiply(fact(e + kmin)));
        BigInteger sum = BigInteger.ZERO;
        for (int k = kmin; ; k++) {
            sum = (k & 1) == 0 ? sum.add(term) : sum.subtract(term);
            if (k == kmax) break;
            term = term.multiply(BigInteger.valueOf((long) (a - k) * (b - k) * (c - k)))
                    .divide(BigInteger.valueOf((long) (k + 1) * (d + k + 1) * (e + k + 1)));
        }
        if (sum.signum() == 0) return 0.0;
        // CG^2 = num / den exactly; take a 64+-bit quotient, then one rounding to double and a sqrt.
        BigInteger num = BigInteger.valueOf(2L * L + 1).multiply(fact(L + l1 - l2)).multiply(fact(L - l1 + l2))
                .multiply(fact(a)).multiply(fact(L + M)).multiply(fact(L - M)).multiply(fact(l1 - m1))
                .multiply(fact(l1 + m1)).multiply(fact(l2 - m2)).multiply(fact(l2 + m2)).multiply(sum.multiply(sum));
        BigInteger den = fact(l1 + l2 + L + 1).multiply(q.multiply(q));
        int shift = den.bitLength() - num.bitLength() + 70; // quotient has ~70 significant bits
        BigInteger quotient = shift >= 0 ? num.shiftLeft(shift).divide(den) : num.divide(den.shiftLeft(-shift));
        double value = Math.sqrt(Math.scalb(quotient.doubleValue(), -shift));
        return sum.signum() < 0 ? -value : value;
    }

    private static volatile BigInteger[] factorials = {BigInteger.ONE};

    private static BigInteger fact(int n) {
        BigInteger[] f = factorials;
        if (n < f.length) return f[n];
        synchronized (ClebschGordan.class) {
            f = factorials;
            if (n >= f.length) {
                BigInteger[] g = java.util.Arrays.copyOf(f, Math.max(n + 1, 2 * f.length));
                for (int i = f.length; i < g.length; i++) g[i] = g[i - 1].multiply(BigInteger.valueOf(i));
                factorials = g;
                f = g;
            }
            return f[n];
        }
    }

    private static double[] computeReal(int l1, int l2, int lambda) {
        int n1 = 2 * l1 + 1, n2 = 2 * l2 + 1, nl = 2 * lambda + 1;
        double[] out = new double[n1 * n2 * nl];
        if (lambda < Math.abs(l1 - l2) || lambda > l1 + l2) return out;
        boolean odd = ((l1 + l2 + lambda) & 1) == 1;
        // Complex CG, dense [m1'][m2'][μ'] (only μ' = m1'+m2' nonzero).
        double[] cg = new double[n1 * n2];
        for (int a = -l1; a <= l1; a++)
            for (int b = -l2; b <= l2; b++)
                cg[(a + l1) * n2 + b + l2] = complex(l1, a, l2, b, lambda, a + b);
        double maxOther = 0.0, maxKept = 0.0;
        // U^l has nonzeros only at columns ±m for row m; so each real (m1, m2, μ) sums over
        // m1' ∈ {±m1}, m2' ∈ {±m2}, μ' = m1'+m2' ∈ {±μ}.
        for (int m1 = -l1; m1 <= l1; m1++) {
            for (int m2 = -l2; m2 <= l2; m2++) {
                for (int mu = -lambda; mu <= lambda; mu++) {
                    double re = 0.0, im = 0.0;
                    for (int s1 = 0; s1 < (m1 == 0 ? 1 : 2); s1++) {
                        int p1 = s1 == 0 ? m1 : -m1;
                        // U†^{l1}_{p1, m1} = conj(U^{l1}_{m1, p1})
                        double u1r = uRe(m1, p1), u1i = -uIm(m1, p1);
                        for (int s2 = 0; s2 < (m2 == 0 ? 1 : 2); s2++) {
                            int p2 = s2 == 0 ? m2 : -m2;
                            int pm = p1 + p2;
                            if (pm != mu && pm != -mu) continue;
                            double c = cg[(p1 + l1) * n2 + p2 + l2];
                            if (c == 0.0) continue;
                            double u2r = uRe(m2, p2), u2i = -uIm(m2, p2);
                            double ulr = uRe(mu, pm), uli = uIm(mu, pm);
                            // product ul * c * u1 * u2 (c real)
                            double tr = u1r * u2r - u1i * u2i, ti = u1r * u2i + u1i * u2r;
                            double pr = ulr * tr - uli * ti, pi = ulr * ti + uli * tr;
                            re += c * pr;
                            im += c * pi;
                        }
                    }
                    double kept = odd ? im : re, other = odd ? re : im;
                    maxOther = Math.max(maxOther, Math.abs(other));
                    maxKept = Math.max(maxKept, Math.abs(kept));
                    out[((m1 + l1) * n2 + (m2 + l2)) * nl + mu + lambda] = kept;
                }
            }
        }
        if (maxOther > 1e-12 * Math.max(1.0, maxKept))
            throw new IllegalStateException("real CG (" + l1 + "," + l2 + "," + lambda + ") has a non-vanishing "
                    + (odd ? "real" : "imaginary") + " part " + maxOther);
        return out;
    }

    private static final double INV_SQRT2 = Math.sqrt(0.5);

    /** Re U^l_{m,p}: real Y_m = Σ_p U_{m,p} Y^complex_p (row m, column p = ±m). */
    private static double uRe(int m, int p) {
        if (m == 0) return p == 0 ? 1.0 : 0.0;
        if (m > 0) {
            if (p == m) return (m & 1) == 0 ? INV_SQRT2 : -INV_SQRT2;
            if (p == -m) return INV_SQRT2;
        }
        return 0.0;
    }

    /** Im U^l_{m,p}: for m &lt; 0, Y_m = (i/√2)·(Y^complex_{-|m|} − (−1)^m Y^complex_{|m|}). */
    private static double uIm(int m, int p) {
        if (m >= 0) return 0.0;
        if (p == m) return INV_SQRT2;
        if (p == -m) return (m & 1) == 0 ? -INV_SQRT2 : INV_SQRT2;
        return 0.0;
    }
}
