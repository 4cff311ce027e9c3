package org.equidens.descriptor;

/**
 * Radial integrals I_nl(r) of one neighbour's density against an orthonormal radial basis, for
 * n &lt; {@link #radialSize()} and l ≤ {@link #maxAngular()}. Results are flat, indexed
 * {@code l * radialSize() + n}, so a caller can reuse one array of {@link #length()} for all pairs.
 */
public interface RadialIntegral {
    int radialSize();

    int maxAngular();

    /** Largest r at which the integral may be evaluated (the basis/cutoff radius). */
    double radius();

    default int length() {
        return radialSize() * (maxAngular() + 1);
    }

    /**
     * Writes I_nl(r) into {@code values} and, if {@code derivatives} is non-null, dI_nl/dr into it;
     * both of length ≥ {@link #length()}, layout [l][n].
     */
    void compute(double r, double[] values, double[] derivatives);
}
