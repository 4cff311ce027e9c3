package org.equidens.descriptor;

import org.equidens.math.Hypergeometric1F1;
import org.equidens.math.SpecialFunctions;

/**
 * Reciprocal-space LODE radial integral I_nl(k) = ∫ r² B_n(r) j_l(kr) dr of the orthonormal
 * {@link GtoRadialBasis}, as a function of |k| on [0, k_cutoff] (so it can be splined with
 * {@link RadialSpline}). It is the radial part of the projection of a plane wave onto B_n Y_lm:
 * ∫ B_n(r) Y_lm(r̂) e^(ik·r) d³r = 4π i^l Y_lm(k̂) I_nl(k).
 *
 * <p>Per primitive r^m e^(−r²/2s²) (A = (m+l+3)/2, B = l+3/2, z = k²s²/2):
 * <pre>
 *   ∫ r^(m+2) e^(−r²/2s²) j_l(kr) dr = √(π/2) s^(m+3) 2^(m/2) (s/√2)^l Γ(A)/Γ(B) · k^l · M(A; B; −z)
 * </pre>
 * (Gradshteyn–Ryzhik 6.631.1 with j_l = √(π/2x) J_(l+1/2)), and M(A; B; −z) = e^(−z)M(B−A; B; z) is
 * evaluated by {@link Hypergeometric1F1#value}, which never overflows. The k-derivative uses
 * M' = (A/B) M(A+1; B+1; ·). Orthonormalised last with the same O as the SOAP integral.
 */
public final class LodeRadialIntegral implements RadialIntegral {
    private final GtoRadialBasis basis;
    private final int maxAngular;
    private final double kCutoff;
    private final int size;
    private final double[] prefactor; // [l][m]
    private final double[] halfS2;    // [m]: s²/2
    private final ThreadLocal<double[]> scratch;

    public LodeRadialIntegral(GtoRadialBasis basis, int maxAngular, double kCutoff) {
        if (maxAngular < 0) throw new IllegalArgumentException("maxAngular < 0");
        if (!(kCutoff > 0) || Double.isInfinite(kCutoff)) throw new IllegalArgumentException("k cutoff must be > 0: " + kCutoff);
        this.basis = basis;
        this.maxAngular = maxAngular;
        this.kCutoff = kCutoff;
        this.size = basis.size();
        prefactor = new double[(maxAngular + 1) * size];
        halfS2 = new double[size];
        for (int m = 0; m < size; m++) {
            double s = basis.sigma(m);
            halfS2[m] = 0.5 * s * s;
            for (int l = 0; l <= maxAngular; l++) {
                double log = 0.5 * Math.log(0.5 * Math.PI) + (m + 3) * Math.log(s) + 0.5 * m * Math.log(2)
                        + l * Math.log(s / Math.sqrt(2)) + SpecialFunctions.logAbsGammaHalfInteger(m + l + 3)
                        - SpecialFunctions.logAbsGammaHalfInteger(2 * l + 3);
                prefactor[l * size + m] = Math.exp(log);
            }
        }
        final int length = 2 * size;
        scratch = ThreadLocal.withInitial(() -> new double[length]);
    }

    public GtoRadialBasis basis() {
        return basis;
    }

    @Override
    public int radialSize() {
        return size;
    }

    @Override
    public int maxAngular() {
        return maxAngular;
    }

    /** The k cutoff (1/Å): the largest |k| the integral is tabulated for. */
    @Override
    public double radius() {
        return kCutoff;
    }

    @Override
    public void compute(double k, double[] values, double[] derivatives) {
        if (!(k >= 0) || Double.isInfinite(k)) throw new IllegalArgumentException("k must be finite and ≥ 0: " + k);
        double[] tmp = scratch.get();
        boolean withDerivatives = derivatives != null;
        double kl = 1.0;         // k^l
        double klMinus1 = 0.0;   // k^(l−1) (times l anyway)
        for (int l = 0; l <= maxAngular; l++) {
            double bigB = l + 1.5;
            for (int m = 0; m < size; m++) {
                double bigA = 0.5 * (m + l + 3);
                double z = halfS2[m] * k * k;
                double f = Hypergeometric1F1.value(bigA, bigB, -z);
                double c = prefactor[l * size + m];
                tmp[m] = c * kl * f;
                if (withDerivatives) {
                    double fPlus = Hypergeometric1F1.value(bigA + 1, bigB + 1, -z);
                    tmp[size + m] = c * (l * klMinus1 * f - kl * k * 2 * halfS2[m] * (bigA / bigB) * fPlus);
                }
            }
            for (int n = 0; n < size; n++) {
                double v = 0;
                double dv = 0;
                for (int m = 0; m < size; m++) {
                    double o = basis.orthonormalizer(n, m);
                    v += o * tmp[m];
                    if (withDerivatives) dv += o * tmp[size + m];
                }
                values[l * size + n] = v;
                if (withDerivatives) derivatives[l * size + n] = dv;
            }
            klMinus1 = kl;
            kl *= k;
        }
    }
}
