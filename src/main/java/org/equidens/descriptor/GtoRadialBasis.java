package org.equidens.descriptor;

import org.equidens.math.JacobiEigen;
import org.equidens.math.SpecialFunctions;

/**
 * Orthonormal GTO radial basis as in featomic/TENSOAP/SALTED. Primitives R_n(r) = r^n exp(−r²/(2σ_n²)),
 * n = 0..N−1, σ_n = rc·max(√n, 1)/N, normalised by N_n = √(2/(σ_n^(2n+3) Γ(n+3/2))) and
 * Löwdin-orthonormalised: B_m = Σ_n O_mn R_n with O = S^(−1/2)·diag(N_n), S the overlap of the
 * normalised primitives. Symmetric orthonormalisation keeps each B_m as close as possible to its
 * primitive and is what the reference codes use, so coefficients are comparable across codes.
 * The same O applies to every l.
 *
 * <p>S depends only on N (the σ_n scale with rc) and is badly conditioned: cond(S) ≈ 3e4 for N = 8,
 * 4e7 for N = 12, 6e10 for N = 16, 1e14 for N = 20, and numerically singular from N = 21 on (this
 * constructor then throws). The orthonormality of the computed basis degrades like 1e-16·cond(S), so
 * N ≤ 14 or so is advisable when orthonormality to better than 1e-8 matters.
 */
public final class GtoRadialBasis {
    /** S counts as singular when its smallest eigenvalue is ≤ N·ε·λ_max (cond(S) ≳ 1/(Nε)). */
    private static final double EPSILON = 0x1p-52;

    private final int size;
    private final double radius;
    private final double[] sigma;
    private final double[] norm;
    private final double[] overlap;
    private final double[] orthonormalizer;

    /**
     * @param size   number of radial functions N (featomic's max_radial + 1)
     * @param radius the cutoff radius rc that sets the widths
     * @throws ArithmeticException if the overlap matrix is (numerically) singular
     */
    public GtoRadialBasis(int size, double radius) {
        if (size < 1) throw new IllegalArgumentException("need at least one radial function");
        if (!(radius > 0) || Double.isInfinite(radius)) throw new IllegalArgumentException("radius must be > 0: " + radius);
        this.size = size;
        this.radius = radius;
        sigma = new double[size];
        norm = new double[size];
        for (int n = 0; n < size; n++) {
            sigma[n] = radius * Math.max(Math.sqrt(n), 1.0) / size;
            norm[n] = Math.sqrt(2.0 / (Math.pow(sigma[n], 2 * n + 3) * SpecialFunctions.gammaHalfInteger(2 * n + 3)));
        }
        overlap = new double[size * size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                // ∫ r^(2+a+b) e^(−c r²) dr = Γ((3+a+b)/2) / (2 c^((3+a+b)/2)), c = 1/(2σ_a²) + 1/(2σ_b²)
                double c = 0.5 / (sigma[a] * sigma[a]) + 0.5 / (sigma[b] * sigma[b]);
                int twiceP = 3 + a + b;
                double integral = SpecialFunctions.gammaHalfInteger(twiceP) / (2.0 * Math.pow(c, 0.5 * twiceP));
                overlap[a * size + b] = norm[a] * norm[b] * integral;
            }
        }
        double[] inverseSqrt;
        try {
            inverseSqrt = new JacobiEigen(overlap, size).power(-0.5, size * EPSILON);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("radial overlap matrix is singular for " + size + " GTO functions: " + e.getMessage());
        }
        orthonormalizer = new double[size * size];
        for (int m = 0; m < size; m++) {
            for (int n = 0; n < size; n++) orthonormalizer[m * size + n] = inverseSqrt[m * size + n] * norm[n];
        }
    }

    public int size() {
        return size;
    }

    public double radius() {
        return radius;
    }

    /** σ_n of primitive n. */
    public double sigma(int n) {
        return sigma[n];
    }

    /** Normalisation N_n of primitive n (∫ r² (N_n R_n)² dr = 1). */
    public double norm(int n) {
        return norm[n];
    }

    /** Overlap of the normalised primitives, row-major N×N (a copy). */
    public double[] overlap() {
        return overlap.clone();
    }

    /** O = S^(−1/2)·diag(N_n), row-major N×N (a copy): B_m = Σ_n O_mn R_n, I_ortho = O·I_prim. */
    public double[] orthonormalizer() {
        return orthonormalizer.clone();
    }

    /** O_mn without copying. */
    double orthonormalizer(int m, int n) {
        return orthonormalizer[m * size + n];
    }

    /** Primitive (unnormalised) R_n(r) for all n into {@code out[0..N)}. */
    public void evaluatePrimitives(double r, double[] out) {
        double power = 1.0;
        for (int n = 0; n < size; n++) {
            out[n] = power * Math.exp(-0.5 * r * r / (sigma[n] * sigma[n]));
            power *= r;
        }
    }

    /** Orthonormal B_m(r) for all m into {@code out[0..N)}; {@code scratch} of length ≥ N. */
    public void evaluate(double r, double[] out, double[] scratch) {
        evaluatePrimitives(r, scratch);
        for (int m = 0; m < size; m++) {
            double s = 0;
            for (int n = 0; n < size; n++) s += orthonormalizer[m * size + n] * scratch[n];
            out[m] = s;
        }
    }

    /** Orthonormal B_m(r) for all m (allocates; convenience for tests and plotting). */
    public double[] evaluate(double r) {
        double[] out = new double[size];
        evaluate(r, out, new double[size]);
        return out;
    }
}
