package org.equidens.properties;

import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Integrals;
import org.equidens.linalg.Blas;

/**
 * Charges, dipoles and polarizabilities of densities expanded on an auxiliary basis, from the
 * analytic moments of the basis functions (atomic units; coefficients in equidens' internal order).
 *
 * <p>Sign convention of responses (the vector-field paper, eq. 3): ρ1_k is the response of the
 * electron number density to the perturbation −E_k r_k, so α_jk = ∫ r_j ρ1_k dr. This integral is
 * origin independent only when ∫ρ1_k = 0; a fitted or predicted response carries a small charge,
 * which {@link #responseCharges} reports so that callers can show it.
 */
public final class Multipoles {
    private Multipoles() {}

    /** The basis moments of one structure, computed once and reused for every coefficient vector. */
    public record Moments(double[] charges, double[] dipoles, double[] origin, int size) {
        /** ∫ Σ_f c_f φ_f. */
        public double charge(double[] c) {
            return dot(charges, c, 0);
        }

        /** ∫ (r − origin) Σ_f c_f φ_f, a 3-vector. */
        public double[] firstMoment(double[] c) {
            return new double[] {dot(dipoles, c, 0), dot(dipoles, c, size), dot(dipoles, c, 2 * size)};
        }

        private double dot(double[] rows, double[] c, int offset) {
            if (c.length != size) throw new IllegalArgumentException("expected " + size + " coefficients, got " + c.length);
            double s = 0;
            for (int f = 0; f < size; f++) s += rows[offset + f] * c[f];
            return s;
        }
    }

    /** Moments about the origin of the coordinate frame. */
    public static Moments moments(BasisFunctions bf) {
        return moments(bf, new double[3]);
    }

    /** Moments about {@code originBohr}. */
    public static Moments moments(BasisFunctions bf, double[] originBohr) {
        return new Moments(Integrals.integrals(bf), Integrals.dipoleIntegrals(bf, originBohr), originBohr.clone(), bf.size());
    }

    /**
     * Polarizability α_jk = ∫ (r_j − origin_j) ρ1_k from the three response vectors (rows k = x, y,
     * z of {@code response}, 3 × n), row-major 3×3, in bohr³.
     */
    public static double[] polarizability(Moments m, double[] response) {
        int n = m.size();
        if (response.length != 3 * n) throw new IllegalArgumentException("expected 3×" + n + " response coefficients");
        double[] alpha = new double[9];
        // α (3×3) = D (3×n) · Rᵀ (n×3)
        Blas.gemm(false, true, 3, 3, n, 1.0, m.dipoles(), response, 0.0, alpha);
        return alpha;
    }

    /** ∫ρ1_k for k = x, y, z (zero for an exact response). */
    public static double[] responseCharges(Moments m, double[] response) {
        int n = m.size();
        double[] q = new double[3];
        for (int k = 0; k < 3; k++) {
            double s = 0;
            for (int f = 0; f < n; f++) s += m.charges()[f] * response[k * n + f];
            q[k] = s;
        }
        return q;
    }
}
