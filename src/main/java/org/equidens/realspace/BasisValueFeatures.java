package org.equidens.realspace;

/**
 * The "projection onto the basis" feature: at a point r, the values φ_f(r) of all basis functions of
 * the structure (periodic sums for a cell). A fit of coefficients c from values n(r_g) = Σ_f c_f φ_f(r_g)
 * at sampled points is well posed exactly when these rows span the coefficient space, so selecting
 * points whose rows are linearly independent is selecting the points that make that fit work.
 */
public final class BasisValueFeatures implements PointFeatures {
    private final RealSpaceBasis basis;

    public BasisValueFeatures(RealSpaceBasis basis) {
        this.basis = basis;
    }

    @Override
    public int size() {
        return basis.size();
    }

    @Override
    public void compute(double[] pointBohr, double[] out) {
        basis.values(pointBohr, 1, out);
    }

    @Override
    public void computeAll(double[] pointsBohr, int n, double[] out) {
        basis.values(pointsBohr, n, out);
    }
}
