package org.equidens.realspace;

import org.equidens.basis.Units;
import org.equidens.descriptor.Expansion;
import org.equidens.descriptor.GhostExpansion;
import org.equidens.descriptor.InvariantPowerSpectrum;
import org.equidens.descriptor.SphericalExpansion;
import org.equidens.structure.Atoms;

/**
 * Grid-point features from the atoms around the point: the point is a ghost centre
 * ({@link GhostExpansion}) that sees the structure's atoms (periodic images included) but no other
 * point, and its feature vector is the invariant SOAP power spectrum (λ = 0) of that expansion,
 * {@link InvariantPowerSpectrum}'s layout and length S(S+1)/2·(l_max+1)·N².
 *
 * <p><b>Why invariant.</b> A density value n(r) is a scalar field: rotating the structure and the
 * point together leaves it unchanged, so the description that decides whether two points carry the
 * same information should be unchanged too. The λ = 0 power spectrum is exactly the rotation- (and
 * inversion-) invariant contraction of the equivariant expansion; the raw expansion rotates with
 * D^l(R) per l block. (A field-response component ρ1_k is the k-th component of a vector; its
 * covariant description would be λ = 1 features, which this class does not provide.)
 *
 * <p>Unlike {@link BasisValueFeatures}, these features do not span the coefficient space linearly: a
 * LIFS selection with them picks points with distinct atomic environments, not points that make
 * the basis fit well posed.
 *
 * <p>Points are given in bohr (grids are) and converted to Å ({@link Units#BOHR_IN_ANGSTROM}), the
 * unit of the structure and of the hypers. Points with no atom within the cutoff have all-zero
 * features. Thread-safe.
 */
public final class GhostSoapFeatures implements PointFeatures {
    private final GhostExpansion ghost;
    private final int size;

    /** Ghost features of {@code structureAngstrom} with the given SOAP hypers (lengths Å). */
    public GhostSoapFeatures(Atoms structureAngstrom, SphericalExpansion.Hypers hypers) {
        this(new GhostExpansion(new SphericalExpansion(hypers), structureAngstrom));
    }

    /** TENSOAP/SALTED defaults ({@link SphericalExpansion.Hypers#defaults()}: rc 4 Å, σ 0.3 Å, N 8, l_max 6). */
    public GhostSoapFeatures(Atoms structureAngstrom) {
        this(structureAngstrom, SphericalExpansion.Hypers.defaults());
    }

    public GhostSoapFeatures(GhostExpansion ghost) {
        this.ghost = ghost;
        SphericalExpansion.Hypers h = ghost.calculator().hypers();
        int s = ghost.species().length, n = h.radialFunctions();
        this.size = Math.multiplyExact(s * (s + 1) / 2 * (h.maxAngular() + 1), n * n);
    }

    public GhostExpansion ghostExpansion() {
        return ghost;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void compute(double[] pointBohr, double[] out) {
        computeAll(pointBohr, 1, out);
    }

    @Override
    public void computeAll(double[] pointsBohr, int n, double[] out) {
        double[] pts = new double[3 * n];
        for (int k = 0; k < 3 * n; k++) pts[k] = pointsBohr[k] * Units.BOHR_IN_ANGSTROM;
        Expansion e = ghost.compute(pts, n);
        double[] f = InvariantPowerSpectrum.computeFlat(e);
        System.arraycopy(f, 0, out, 0, n * size);
    }
}
