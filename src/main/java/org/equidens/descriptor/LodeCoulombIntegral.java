package org.equidens.descriptor;

import org.equidens.math.GaussLegendre;
import org.equidens.math.SpecialFunctions;

/**
 * Real-space LODE radial integral for molecules (p = 1, no cell, no box):
 * <pre>
 *   I^V_nl(d) = 2π ∫ r² B_n(r) ∫_(−1)^1 P_l(u) g_1(√(r² + d² − 2rdu)) du dr,   g_1(r) = erf(r/(√2σ))/r,
 * </pre>
 * so that a unit Gaussian charge at d contributes Y_lm(d̂)·I^V_nl(|d|) to c_nlm = ∫ B_n Y_lm V.
 *
 * <p>How it is computed exactly. By the symmetry of the Coulomb kernel, ∫ B_nlm(x) (ρ_d * 1/r)(x) dx =
 * ∫ ρ_d(y) Φ_nlm(y) dy, where ρ_d is the Gaussian charge at d and Φ_nlm = u_nl(y) Y_lm(ŷ) is the
 * (point-charge) potential of the charge distribution B_n Y_lm, a 1D radial function:
 * <pre>
 *   u_nl(y) = 4π/(2l+1) [ y^(−l−1) ∫_0^y r^(l+2) B_n dr + y^l ∫_y^∞ r^(1−l) B_n dr ].
 * </pre>
 * The Gaussian projection is then the SOAP-type integral
 * I^V_nl(d) = 4π (2πσ²)^(−3/2) ∫ y² u_nl(y) e^(−(y−d)²/2σ²) [e^(−x) i_l(x)] dy, x = yd/σ².
 * Both integrals have smooth integrands on their pieces and are done by composite Gauss–Legendre
 * (panels no wider than the narrowest GTO width resp. σ, geometric panels towards the r^(1−l)
 * singularity), i.e. to rounding level; u_nl is tabulated once on the fixed y nodes.
 *
 * <p>Beyond {@link #radius()} = r_B + 9σ (r_B: where every primitive r^(m+l+2)e^(−r²/2s²) has fallen
 * below 1e-20 of its maximum) the basis and the charge no longer overlap and the multipole form
 * I^V_nl(d) = 4π/(2l+1)·M_nl·d^(−l−1), M_nl = ∫ r^(l+2) B_n dr (closed form), is exact to
 * rounding; {@link #tail} gives it.
 */
public final class LodeCoulombIntegral implements RadialIntegral {
    private static final int NODES = 16;
    private static final int RADIAL_NODES = 20;
    private static final double WINDOW = 10.0; // Gaussian window half-width in σ: e^(−50) ≈ 2e-22

    private final GtoRadialBasis basis;
    private final int maxAngular;
    private final double smearing;
    private final int size;
    private final double basisExtent;
    private final double tailStart;
    private final double[] moment;       // [l][n]: ∫ r^(l+2) B_n dr
    // fixed y quadrature: panels of width h on [0, yMax]
    private final double panel;
    private final int panels;
    private final double[] yNode;
    private final double[] yWeight;
    private final double[] potential;    // [q][l][n]: u_nl(y_q)
    private final double prefactor;      // 4π (2πσ²)^(−3/2)
    private final ThreadLocal<double[]> scratch;

    /**
     * @param basis      orthonormal GTO basis
     * @param maxAngular lmax
     * @param smearing   σ of the Gaussian charge (Å)
     */
    public LodeCoulombIntegral(GtoRadialBasis basis, int maxAngular, double smearing) {
        if (maxAngular < 0) throw new IllegalArgumentException("maxAngular < 0");
        if (!(smearing > 0) || Double.isInfinite(smearing)) throw new IllegalArgumentException("smearing must be > 0: " + smearing);
        this.basis = basis;
        this.maxAngular = maxAngular;
        this.smearing = smearing;
        this.size = basis.size();
        basisExtent = basisExtent(basis, maxAngular);
        tailStart = basisExtent + 9.0 * smearing;
        moment = new double[(maxAngular + 1) * size];
        for (int l = 0; l <= maxAngular; l++) {
            for (int n = 0; n < size; n++) {
                double s = 0;
                for (int m = 0; m < size; m++) {
                    double sm = basis.sigma(m);
                    int twiceA = m + l + 3; // ∫ r^(m+l+2) e^(−r²/2s²) dr = ½ (2s²)^(A) Γ(A)
                    s += basis.orthonormalizer(n, m) * 0.5 * Math.exp(0.5 * twiceA * Math.log(2 * sm * sm)
                            + SpecialFunctions.logAbsGammaHalfInteger(twiceA));
                }
                moment[l * size + n] = s;
            }
        }
        prefactor = 4 * Math.PI * Math.pow(2 * Math.PI * smearing * smearing, -1.5);
        panel = smearing;
        double yMax = tailStart + WINDOW * smearing;
        panels = (int) Math.ceil(yMax / panel);
        GaussLegendre gl = new GaussLegendre(NODES);
        int count = panels * NODES;
        yNode = new double[count];
        yWeight = new double[count];
        for (int p = 0; p < panels; p++) {
            for (int i = 0; i < NODES; i++) {
                yNode[p * NODES + i] = gl.node(i, p * panel, (p + 1) * panel);
                yWeight[p * NODES + i] = gl.weight(i, p * panel, (p + 1) * panel);
            }
        }
        potential = new double[count * (maxAngular + 1) * size];
        tabulatePotential();
        final int length = maxAngular + 3 + 2 * size;
        scratch = ThreadLocal.withInitial(() -> new double[length]);
    }

    /** Largest r at which some primitive r^(m+lmax+2) e^(−r²/2s_m²) is still ≥ 1e-20 of its maximum. */
    static double basisExtent(GtoRadialBasis basis, int maxAngular) {
        double extent = 0;
        for (int m = 0; m < basis.size(); m++) {
            double s = basis.sigma(m);
            int k = m + maxAngular + 2;
            double peak = s * Math.sqrt(k);
            double logMax = k * Math.log(peak) - 0.5 * k;
            double r = peak;
            while (k * Math.log(r) - 0.5 * r * r / (s * s) - logMax > Math.log(1e-20)) r += 0.01 * s;
            extent = Math.max(extent, r);
        }
        return extent;
    }

    private void tabulatePotential() {
        int stride = (maxAngular + 1) * size;
        double[] prim = new double[2 * stride]; // [inner|outer][l][m]
        double[] e = new double[size];
        GaussLegendre gl = new GaussLegendre(RADIAL_NODES);
        double h = basis.sigma(0); // narrowest GTO width
        for (int q = 0; q < yNode.length; q++) {
            double y = yNode[q];
            int base = q * stride;
            if (y >= basisExtent) {
                for (int l = 0; l <= maxAngular; l++) {
                    double f = 4 * Math.PI / (2 * l + 1) * Math.pow(y, -l - 1);
                    for (int n = 0; n < size; n++) potential[base + l * size + n] = f * moment[l * size + n];
                }
                continue;
            }
            java.util.Arrays.fill(prim, 0.0);
            // inner: ∫_0^y r^(l+2) R_m(r) dr
            int innerPanels = Math.max(1, (int) Math.ceil(y / h));
            double w0 = y / innerPanels;
            for (int p = 0; p < innerPanels; p++) {
                for (int i = 0; i < RADIAL_NODES; i++) {
                    double r = gl.node(i, p * w0, (p + 1) * w0);
                    double w = gl.weight(i, p * w0, (p + 1) * w0);
                    accumulate(prim, 0, r, w, e, true);
                }
            }
            // outer: ∫_y^rB r^(1−l) R_m(r) dr; geometric panels while the panel start is below h
            double a = y;
            while (a < basisExtent) {
                double b = Math.min(basisExtent, a + Math.min(a, h));
                for (int i = 0; i < RADIAL_NODES; i++) {
                    accumulate(prim, stride, gl.node(i, a, b), gl.weight(i, a, b), e, false);
                }
                a = b;
            }
            for (int l = 0; l <= maxAngular; l++) {
                double f = 4 * Math.PI / (2 * l + 1);
                double yIn = Math.pow(y, -l - 1);
                double yOut = Math.pow(y, l);
                for (int n = 0; n < size; n++) {
                    double s = 0;
                    for (int m = 0; m < size; m++) {
                        s += basis.orthonormalizer(n, m) * (yIn * prim[l * size + m] + yOut * prim[stride + l * size + m]);
                    }
                    potential[base + l * size + n] = f * s;
                }
            }
        }
    }

    /** Adds w·r^(l+2)·R_m(r) (inner) or w·r^(1−l)·R_m(r) (outer) for all l, m at offset. */
    private void accumulate(double[] prim, int offset, double r, double w, double[] e, boolean inner) {
        double rm = 1.0;
        for (int m = 0; m < size; m++) {
            double s = basis.sigma(m);
            e[m] = w * rm * Math.exp(-0.5 * r * r / (s * s));
            rm *= r;
        }
        double rl = inner ? r * r : r;  // r^(l+2) or r^(1−l) at l = 0
        double step = inner ? r : 1.0 / r;
        for (int l = 0; l <= maxAngular; l++) {
            int base = offset + l * size;
            for (int m = 0; m < size; m++) prim[base + m] += rl * e[m];
            rl *= step;
        }
    }

    public GtoRadialBasis basis() {
        return basis;
    }

    public double smearing() {
        return smearing;
    }

    @Override
    public int radialSize() {
        return size;
    }

    @Override
    public int maxAngular() {
        return maxAngular;
    }

    /** Distance from which {@link #tail} is exact to rounding (the end of the quadrature range). */
    @Override
    public double radius() {
        return tailStart;
    }

    /** M_nl = ∫ r^(l+2) B_n(r) dr (copy, layout [l][n]). */
    public double[] moments() {
        return moment.clone();
    }

    /** The multipole tail 4π/(2l+1)·M_nl·d^(−l−1) and its derivative; exact for d ≥ {@link #radius()}. */
    public void tail(double d, double[] values, double[] derivatives) {
        double inv = 1.0 / d;
        double p = inv; // d^(−l−1)
        for (int l = 0; l <= maxAngular; l++) {
            double f = 4 * Math.PI / (2 * l + 1) * p;
            for (int n = 0; n < size; n++) {
                double v = f * moment[l * size + n];
                values[l * size + n] = v;
                if (derivatives != null) derivatives[l * size + n] = -(l + 1) * v * inv;
            }
            p *= inv;
        }
    }

    /** Exact I^V_nl(d) (quadrature) for any d ≥ 0; beyond {@link #radius()} the tail. */
    @Override
    public void compute(double d, double[] values, double[] derivatives) {
        if (!(d >= 0) || Double.isInfinite(d)) throw new IllegalArgumentException("d must be finite and ≥ 0: " + d);
        if (d > tailStart) {
            tail(d, values, derivatives);
            return;
        }
        int length = (maxAngular + 1) * size;
        java.util.Arrays.fill(values, 0, length, 0.0);
        if (derivatives != null) java.util.Arrays.fill(derivatives, 0, length, 0.0);
        double[] bessel = scratch.get();
        double s2 = smearing * smearing;
        int first = Math.max(0, (int) Math.floor((d - WINDOW * smearing) / panel));
        int last = Math.min(panels, (int) Math.ceil((d + WINDOW * smearing) / panel));
        int stride = length;
        for (int q = first * NODES; q < last * NODES; q++) {
            double y = yNode[q];
            double t = (y - d) / smearing;
            double g = prefactor * yWeight[q] * y * y * Math.exp(-0.5 * t * t);
            scaledBessel(maxAngular + 1, y * d / s2, bessel);
            int base = q * stride;
            for (int l = 0; l <= maxAngular; l++) {
                double kern = g * bessel[l];
                int o = l * size;
                for (int n = 0; n < size; n++) values[o + n] += kern * potential[base + o + n];
                if (derivatives != null) {
                    double dip = (l * (l > 0 ? bessel[l - 1] : 0.0) + (l + 1) * bessel[l + 1]) / (2 * l + 1);
                    double dkern = g * (-d / s2 * bessel[l] + y / s2 * dip);
                    for (int n = 0; n < size; n++) derivatives[o + n] += dkern * potential[base + o + n];
                }
            }
        }
    }

    /**
     * e^(−x) i_l(x) for l = 0..lmax into out: the continued-fraction routine for moderate x, the exact
     * finite form (1/2x)[Σ_k (−1)^k c_k (2x)^(−k) − (−1)^l e^(−2x) Σ_k c_k (2x)^(−k)],
     * c_k = (l+k)!/(k!(l−k)!), for large x (where it has no cancellation).
     */
    static void scaledBessel(int lmax, double x, double[] out) {
        if (x < 40 + 2.0 * lmax * lmax) {
            SpecialFunctions.scaledSphericalBesselI(lmax, x, out);
            return;
        }
        double inv2x = 0.5 / x;
        double e2 = Math.exp(-2 * x);
        for (int l = 0; l <= lmax; l++) {
            double c = 1.0;
            double p = 1.0;
            double alt = 1.0;
            double pos = 1.0;
            for (int k = 1; k <= l; k++) {
                c *= (double) (l + k) * (l - k + 1) / k; // c_k = c_(k−1)·(l+k)(l−k+1)/k
                p *= inv2x;
                alt += ((k & 1) == 0 ? 1 : -1) * c * p;
                pos += c * p;
            }
            out[l] = inv2x * (alt - ((l & 1) == 0 ? 1 : -1) * e2 * pos);
        }
    }
}
