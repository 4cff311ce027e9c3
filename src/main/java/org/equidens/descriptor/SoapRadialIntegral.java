package org.equidens.descriptor;

import org.equidens.math.Hypergeometric1F1;
import org.equidens.math.SpecialFunctions;

/**
 * Analytic SOAP radial integral of an L2-normalised Gaussian atom density
 * g(r) = (πσ²)^(−3/4) exp(−r²/(2σ²)) against the orthonormal {@link GtoRadialBasis}.
 *
 * <p>For primitive n with a = 1/(2σ²), b = 1/(2σ_n²), A = (n+l+3)/2, B = l+3/2, z = a²r²/(a+b):
 * <pre>
 *   I_nl(r) = (π/σ²)^(3/4) (a r)^l (a+b)^(−A) Γ(A)/Γ(B) · e^(−a r²) M(A; B; z)
 * </pre>
 * and e^(−a r²) M(A; B; z) is evaluated as e^(−ab r²/(a+b)) · [e^(−z) M(A; B; z)] (Kummer form,
 * {@link Hypergeometric1F1#scaled}), so nothing overflows even for σ = 0.1 Å, rc = 6 Å where z ~ 2000
 * and the textbook product does. The r-derivative uses d/dz[e^(−z)M(A;B;z)] = e^(−z)((A/B)M(A+1;B+1;z) − M(A;B;z)),
 * which gives dI/dr = c e^(−ab r²/(a+b)) [(l r^(l−1) − 2a r^(l+1)) F + r^l (2z/r)(A/B) F⁺] with no 1/r at r = 0.
 * Orthonormalisation (I = O·I_prim) is applied last, to values and derivatives.
 *
 * <p>Thread-safe (per-thread scratch); intended for building splines and for reference values, the
 * hot path should use {@link #spline(double)}.
 */
public final class SoapRadialIntegral implements RadialIntegral {
    private final GtoRadialBasis basis;
    private final int maxAngular;
    private final double atomicWidth;
    private final int size;
    // Per (l, n), index l*size + n:
    private final double[] prefactor;   // (π/σ²)^(3/4) a^l (a+b)^(−A) Γ(A)/Γ(B)
    private final double[] upperA;     // A
    private final double[] lowerB;      // B
    // Per n:
    private final double[] damping;     // a b/(a+b): exponent of the Gaussian left after Kummer
    private final double[] zFactor;     // a²/(a+b): z = zFactor·r²
    private final double alpha;         // a
    private final ThreadLocal<double[]> scratch;

    /**
     * @param basis        orthonormal GTO basis (its radius is the cutoff)
     * @param maxAngular   lmax ≥ 0
     * @param atomicWidth  σ of the atom Gaussian, &gt; 0
     */
    public SoapRadialIntegral(GtoRadialBasis basis, int maxAngular, double atomicWidth) {
        if (maxAngular < 0) throw new IllegalArgumentException("maxAngular < 0");
        if (!(atomicWidth > 0) || Double.isInfinite(atomicWidth)) throw new IllegalArgumentException("Gaussian width must be > 0: " + atomicWidth);
        this.basis = basis;
        this.maxAngular = maxAngular;
        this.atomicWidth = atomicWidth;
        this.size = basis.size();
        alpha = 0.5 / (atomicWidth * atomicWidth);
        damping = new double[size];
        zFactor = new double[size];
        for (int n = 0; n < size; n++) {
            double b = 0.5 / (basis.sigma(n) * basis.sigma(n));
            damping[n] = alpha * b / (alpha + b);
            zFactor[n] = alpha * alpha / (alpha + b);
        }
        prefactor = new double[(maxAngular + 1) * size];
        upperA = new double[(maxAngular + 1) * size];
        lowerB = new double[(maxAngular + 1) * size];
        double common = Math.pow(Math.PI / (atomicWidth * atomicWidth), 0.75);
        for (int l = 0; l <= maxAngular; l++) {
            for (int n = 0; n < size; n++) {
                double b = 0.5 / (basis.sigma(n) * basis.sigma(n));
                int twiceA = n + l + 3;
                int twiceB = 2 * l + 3;
                double value = common * Math.pow(alpha, l) * Math.pow(alpha + b, -0.5 * twiceA)
                        * SpecialFunctions.gammaHalfInteger(twiceA) / SpecialFunctions.gammaHalfInteger(twiceB);
                if (!Double.isFinite(value) || value == 0.0) {
                    value = Math.exp(Math.log(common) + l * Math.log(alpha) - 0.5 * twiceA * Math.log(alpha + b)
                            + SpecialFunctions.logAbsGammaHalfInteger(twiceA) - SpecialFunctions.logAbsGammaHalfInteger(twiceB));
                }
                prefactor[l * size + n] = value;
                upperA[l * size + n] = 0.5 * twiceA;
                lowerB[l * size + n] = 0.5 * twiceB;
            }
        }
        final int length = 2 * size;
        scratch = ThreadLocal.withInitial(() -> new double[length]);
    }

    /** Convenience: basis of N = maxRadial + 1 functions on [0, cutoff]. */
    public static SoapRadialIntegral of(int maxRadial, int maxAngular, double cutoff, double atomicWidth) {
        return new SoapRadialIntegral(new GtoRadialBasis(maxRadial + 1, cutoff), maxAngular, atomicWidth);
    }

    public GtoRadialBasis basis() {
        return basis;
    }

    public double atomicWidth() {
        return atomicWidth;
    }

    @Override
    public int radialSize() {
        return size;
    }

    @Override
    public int maxAngular() {
        return maxAngular;
    }

    @Override
    public double radius() {
        return basis.radius();
    }

    @Override
    public void compute(double r, double[] values, double[] derivatives) {
        if (!(r >= 0) || Double.isInfinite(r)) throw new IllegalArgumentException("r must be finite and ≥ 0: " + r);
        double[] tmp = scratch.get();
        boolean withDerivatives = derivatives != null;
        double r2 = r * r;
        double rl = 1.0;          // r^l
        double rlMinus1 = 0.0;    // r^(l−1), 0 for l = 0 (multiplied by l anyway)
        for (int l = 0; l <= maxAngular; l++) {
            for (int n = 0; n < size; n++) {
                int k = l * size + n;
                double gauss = Math.exp(-damping[n] * r2);
                double z = zFactor[n] * r2;
                double bigA = upperA[k];
                double bigB = lowerB[k];
                double f = Hypergeometric1F1.scaled(bigA, bigB, z);
                double c = prefactor[k] * gauss;
                tmp[n] = c * rl * f;
                if (withDerivatives) {
                    double fPlus = Hypergeometric1F1.scaled(bigA + 1, bigB + 1, z);
                    double d = f * (l * rlMinus1 - 2.0 * alpha * rl * r) + rl * (2.0 * zFactor[n] * r) * (bigA / bigB) * fPlus;
                    tmp[size + n] = c * d;
                }
            }
            for (int m = 0; m < size; m++) {
                double v = 0;
                double dv = 0;
                for (int n = 0; n < size; n++) {
                    double o = basis.orthonormalizer(m, n);
                    v += o * tmp[n];
                    if (withDerivatives) dv += o * tmp[size + n];
                }
                values[l * size + m] = v;
                if (withDerivatives) derivatives[l * size + m] = dv;
            }
            rlMinus1 = rl;
            rl *= r;
        }
    }

    /** Cubic Hermite spline of this integral on [0, rc] to the given accuracy (featomic default 1e-8). */
    public RadialSpline spline(double accuracy) {
        return RadialSpline.build(this, accuracy);
    }

    /** Spline at featomic's default accuracy, 1e-8. */
    public RadialSpline spline() {
        return RadialSpline.build(this, RadialSpline.DEFAULT_ACCURACY);
    }
}
