package org.equidens.basis;

import java.util.stream.IntStream;

/**
 * Analytic integrals over the unit-normalised real solid-harmonic contracted Gaussians of a
 * {@link BasisFunctions}, any l (tables up to {@link SolidHarmonics#MAX_L}). All lengths in bohr.
 *
 * <p>Method (McMurchie–Davidson with solid harmonics): since S_lm is a harmonic polynomial,
 * Hobson's theorem gives S_lm(r_A) e^{-a r_A²} = (2a)^{-l} S_lm(∂/∂A) e^{-a r_A²}: a solid-harmonic
 * Gaussian is a pure degree-l combination of Hermite Gaussians, with the Cartesian coefficients of
 * S_lm. A two-centre integral then is
 * (2a)^{-la} (2b)^{-lb} (-1)^{lb} S_a(∂_R) S_b(∂_R) I(R), R = A - B, where I(R) is the s-s integral:
 * (π/p)^{3/2} e^{-αR²} for the overlap, 2π^{5/2}/(ab√p) F_0(αR²) for the Coulomb integral
 * (p = a+b, α = ab/p). The derivatives ∂^{t+u+v} I are McMurchie–Davidson's R_tuv, built by the
 * usual recursion (for the overlap they factor into 1-D Hermite polynomials). Only derivatives of
 * total order la+lb are needed, so contraction is done on those before the (cheap) transformation
 * to m, m'.
 */
public final class Integrals {
    private Integrals() {}

    private enum Kind { OVERLAP, COULOMB }

    /** Overlap matrix S_fg = ∫ φ_f φ_g, n×n row-major, symmetric. */
    public static double[] overlapMatrix(BasisFunctions bf) {
        return matrix(bf, Kind.OVERLAP);
    }

    /** Coulomb matrix J_fg = ∫∫ φ_f(r) φ_g(r') / |r - r'|, n×n row-major, symmetric (hartree units). */
    public static double[] coulombMatrix(BasisFunctions bf) {
        return matrix(bf, Kind.COULOMB);
    }

    private static double[] matrix(BasisFunctions bf, Kind kind) {
        int n = bf.size();
        int ns = bf.shells();
        double[] out = new double[n * n];
        int npairs = ns * (ns + 1) / 2;
        IntStream.range(0, npairs).parallel().forEach(k -> {
            // k -> (i, j), j <= i
            int i = (int) ((Math.sqrt(8.0 * k + 1) - 1) / 2);
            while (i * (i + 1) / 2 > k) i--;
            while ((i + 1) * (i + 2) / 2 <= k) i++;
            int j = k - i * (i + 1) / 2;
            int li = bf.shellL(i), lj = bf.shellL(j);
            int ni = 2 * li + 1, nj = 2 * lj + 1;
            double[] block = new double[ni * nj];
            shellPair(bf, i, bf, j, kind, block);
            int oi = bf.shellOffset(i), oj = bf.shellOffset(j);
            for (int a = 0; a < ni; a++) {
                for (int b = 0; b < nj; b++) {
                    double v = block[a * nj + b];
                    out[(oi + a) * n + oj + b] = v;
                    out[(oj + b) * n + oi + a] = v;
                }
            }
        });
        return out;
    }

    /** Overlap block between shell i of bfA and shell j of bfB, (2li+1)×(2lj+1) row-major. */
    public static double[] overlapBlock(BasisFunctions bfA, int i, BasisFunctions bfB, int j) {
        double[] block = new double[(2 * bfA.shellL(i) + 1) * (2 * bfB.shellL(j) + 1)];
        shellPair(bfA, i, bfB, j, Kind.OVERLAP, block);
        return block;
    }

    /** Coulomb block between shell i of bfA and shell j of bfB, (2li+1)×(2lj+1) row-major. */
    public static double[] coulombBlock(BasisFunctions bfA, int i, BasisFunctions bfB, int j) {
        double[] block = new double[(2 * bfA.shellL(i) + 1) * (2 * bfB.shellL(j) + 1)];
        shellPair(bfA, i, bfB, j, Kind.COULOMB, block);
        return block;
    }

    /** Overlap matrix between the functions of two structures (rows: a, columns: b), row-major. */
    public static double[] overlapMatrix(BasisFunctions a, BasisFunctions b) {
        return cross(a, b, Kind.OVERLAP);
    }

    /** Coulomb matrix between the functions of two structures (rows: a, columns: b), row-major. */
    public static double[] coulombMatrix(BasisFunctions a, BasisFunctions b) {
        return cross(a, b, Kind.COULOMB);
    }

    private static double[] cross(BasisFunctions bfa, BasisFunctions bfb, Kind kind) {
        int na = bfa.size(), nb = bfb.size();
        double[] out = new double[na * nb];
        int nsa = bfa.shells(), nsb = bfb.shells();
        IntStream.range(0, nsa * nsb).parallel().forEach(k -> {
            int i = k / nsb, j = k % nsb;
            int ni = 2 * bfa.shellL(i) + 1, nj = 2 * bfb.shellL(j) + 1;
            double[] block = new double[ni * nj];
            shellPair(bfa, i, bfb, j, kind, block);
            int oi = bfa.shellOffset(i), oj = bfb.shellOffset(j);
            for (int a = 0; a < ni; a++) {
                System.arraycopy(block, a * nj, out, (oi + a) * nb + oj, nj);
            }
        });
        return out;
    }

    private static void shellPair(BasisFunctions bfa, int sa, BasisFunctions bfb, int sb, Kind kind, double[] block) {
        int la = bfa.shellL(sa), lb = bfb.shellL(sb);
        int L = la + lb;
        double X = bfa.cx(sa, 0) - bfb.cx(sb, 0);
        double Y = bfa.cx(sa, 1) - bfb.cx(sb, 1);
        double Z = bfa.cx(sa, 2) - bfb.cx(sb, 2);
        double r2 = X * X + Y * Y + Z * Z;
        int ncL = SolidHarmonics.ncart(L);
        int[] pwL = SolidHarmonics.powersShared(L);
        double[] w = new double[ncL]; // contracted derivatives of total order L
        int s1 = L + 1;
        double[] gx = new double[s1], gy = new double[s1], gz = new double[s1];
        double[] fn = new double[s1];
        double[] rCur = null, rNext = null;
        if (kind == Kind.COULOMB) {
            rCur = new double[s1 * s1 * s1];
            rNext = new double[s1 * s1 * s1];
        }
        for (int p = bfa.primStart(sa); p < bfa.primEnd(sa); p++) {
            double a = bfa.exponent(p);
            double da = bfa.coefficient(p) * Math.pow(2 * a, -la);
            for (int q = bfb.primStart(sb); q < bfb.primEnd(sb); q++) {
                double b = bfb.exponent(q);
                double db = bfb.coefficient(q) * Math.pow(2 * b, -lb);
                double pp = a + b;
                double alpha = a * b / pp;
                if (kind == Kind.OVERLAP) {
                    double e = Math.exp(-alpha * r2);
                    double weight = da * db * Math.pow(Math.PI / pp, 1.5) * e;
                    if (weight == 0) continue;
                    hermite1d(alpha, X, L, gx);
                    hermite1d(alpha, Y, L, gy);
                    hermite1d(alpha, Z, L, gz);
                    for (int c = 0; c < ncL; c++) {
                        w[c] += weight * gx[pwL[3 * c]] * gy[pwL[3 * c + 1]] * gz[pwL[3 * c + 2]];
                    }
                } else {
                    double weight = da * db * 2 * Math.pow(Math.PI, 2.5) / (a * b * Math.sqrt(pp));
                    Boys.values(L, alpha * r2, fn);
                    double[] res = hermiteCoulomb(alpha, X, Y, Z, L, fn, rCur, rNext);
                    for (int c = 0; c < ncL; c++) {
                        w[c] += weight * res[(pwL[3 * c] * s1 + pwL[3 * c + 1]) * s1 + pwL[3 * c + 2]];
                    }
                }
            }
        }
        // block[ma][mb] = (-1)^lb Σ_ia Σ_ib Ta[ma][ia] Tb[mb][ib] w[ia + ib]
        int nca = SolidHarmonics.ncart(la), ncb = SolidHarmonics.ncart(lb);
        double[] ta = SolidHarmonics.table(la), tb = SolidHarmonics.table(lb);
        int[] pa = SolidHarmonics.powersShared(la), pb = SolidHarmonics.powersShared(lb);
        int na = 2 * la + 1, nb = 2 * lb + 1;
        double[] g = new double[na * ncb]; // g[ma][ib] = Σ_ia Ta[ma][ia] w[ia+ib]
        for (int ia = 0; ia < nca; ia++) {
            for (int ib = 0; ib < ncb; ib++) {
                double wv = w[SolidHarmonics.cartIndex(pa[3 * ia] + pb[3 * ib], pa[3 * ia + 1] + pb[3 * ib + 1],
                        pa[3 * ia + 2] + pb[3 * ib + 2])];
                if (wv == 0) continue;
                for (int ma = 0; ma < na; ma++) {
                    double t = ta[ma * nca + ia];
                    if (t != 0) g[ma * ncb + ib] += t * wv;
                }
            }
        }
        double sign = (lb % 2 == 0) ? 1 : -1;
        for (int ma = 0; ma < na; ma++) {
            for (int mb = 0; mb < nb; mb++) {
                double s = 0;
                for (int ib = 0; ib < ncb; ib++) {
                    double t = tb[mb * ncb + ib];
                    if (t != 0) s += g[ma * ncb + ib] * t;
                }
                block[ma * nb + mb] = sign * s;
            }
        }
    }

    /** g_t with d^t/dX^t e^{-αX²} = g_t(X) e^{-αX²}: g_{t+1} = -2α (X g_t + t g_{t-1}). */
    private static void hermite1d(double alpha, double x, int L, double[] g) {
        g[0] = 1;
        if (L >= 1) g[1] = -2 * alpha * x;
        for (int t = 1; t < L; t++) g[t + 1] = -2 * alpha * (x * g[t] + t * g[t - 1]);
    }

    /**
     * McMurchie–Davidson R_tuv = ∂_X^t ∂_Y^u ∂_Z^v F_0(α R²) for t+u+v ≤ L, from
     * R^n_000 = (-2α)^n F_n and R^n_{t+1,u,v} = t R^{n+1}_{t-1,u,v} + X R^{n+1}_{t,u,v} (same for u, v).
     * Returns the buffer holding level n = 0, indexed (t·(L+1) + u)·(L+1) + v.
     */
    private static double[] hermiteCoulomb(double alpha, double x, double y, double z, int L, double[] fn,
                                           double[] cur, double[] next) {
        int s1 = L + 1;
        double m2a = -2 * alpha;
        double[] pw = new double[s1];
        pw[0] = 1;
        for (int n = 1; n <= L; n++) pw[n] = pw[n - 1] * m2a;
        // level n = L: only R_000
        next[0] = pw[L] * fn[L];
        for (int n = L - 1; n >= 0; n--) {
            int top = L - n;
            for (int t = 0; t <= top; t++) {
                for (int u = 0; t + u <= top; u++) {
                    for (int v = 0; t + u + v <= top; v++) {
                        int idx = (t * s1 + u) * s1 + v;
                        double r;
                        if (t > 0) {
                            r = x * next[idx - s1 * s1];
                            if (t > 1) r += (t - 1) * next[idx - 2 * s1 * s1];
                        } else if (u > 0) {
                            r = y * next[idx - s1];
                            if (u > 1) r += (u - 1) * next[idx - 2 * s1];
                        } else if (v > 0) {
                            r = z * next[idx - 1];
                            if (v > 1) r += (v - 1) * next[idx - 2];
                        } else {
                            r = pw[n] * fn[n];
                        }
                        cur[idx] = r;
                    }
                }
            }
            double[] tmp = cur;
            cur = next;
            next = tmp;
        }
        return next;
    }

    /** ∫ φ_f d³r for every function (only s shells are non-zero); the charge of Σ c_f φ_f is c·q. */
    public static double[] integrals(BasisFunctions bf) {
        double[] q = new double[bf.size()];
        double y00 = SolidHarmonics.table(0)[0];
        for (int s = 0; s < bf.shells(); s++) {
            if (bf.shellL(s) != 0) continue;
            double v = 0;
            for (int p = bf.primStart(s); p < bf.primEnd(s); p++) {
                v += bf.coefficient(p) * Math.pow(Math.PI / bf.exponent(p), 1.5);
            }
            q[bf.shellOffset(s)] = y00 * v;
        }
        return q;
    }

    /**
     * First moments ∫ (r - O)_k φ_f d³r about {@code origin} (bohr), as 3 rows of size() values
     * (row k = x, y, z): the dipole of Σ c_f φ_f is (row_x·c, row_y·c, row_z·c). Only s shells
     * (through their centre) and p shells contribute.
     */
    public static double[] dipoleIntegrals(BasisFunctions bf, double[] origin) {
        int n = bf.size();
        double[] d = new double[3 * n];
        double[] q = integrals(bf);
        double[] t1 = SolidHarmonics.table(1); // rows m=-1,0,1 (y, z, x); columns x, y, z
        for (int s = 0; s < bf.shells(); s++) {
            int l = bf.shellL(s), o = bf.shellOffset(s);
            if (l == 0) {
                for (int k = 0; k < 3; k++) d[k * n + o] = (bf.cx(s, k) - origin[k]) * q[o];
            } else if (l == 1) {
                double v = 0;
                for (int p = bf.primStart(s); p < bf.primEnd(s); p++) {
                    double a = bf.exponent(p);
                    v += bf.coefficient(p) / (2 * a) * Math.pow(Math.PI / a, 1.5);
                }
                for (int m = 0; m < 3; m++) {
                    for (int k = 0; k < 3; k++) d[k * n + o + m] = t1[m * 3 + k] * v;
                }
            }
        }
        return d;
    }
}
