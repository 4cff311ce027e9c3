package org.equidens.realspace;

import org.equidens.basis.Units;
import org.equidens.descriptor.Block;
import org.equidens.descriptor.EquivariantPowerSpectrum;
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
 * D^l(R) per l block.
 *
 * <p><b>Responses</b> ({@link #vectorComponent}): the responses (ρ1_x, ρ1_y, ρ1_z)(r) to a field
 * along x, y, z form a vector at each point: rotating structure and point by R maps them to
 * R·(ρ1_x, ρ1_y, ρ1_z). The matching description is the λ = 1 (σ = +1) block of the equivariant
 * power spectrum, whose three rows (o3_mu = −1, 0, 1 ↔ y, z, x) rotate exactly so; the features of
 * ρ1_k are the row of axis k (l_1 ≤ l_2 pairs, l_1 &lt; l_2 weighted by √2).
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
    /** −1: invariant (λ = 0) features; else the row (0..2 ↔ μ = −1, 0, 1) of the λ = 1 block. */
    private final int row;
    private final EquivariantPowerSpectrum vector;

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
        this.row = -1;
        this.vector = null;
    }

    private GhostSoapFeatures(GhostExpansion ghost, int axis) {
        if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis must be 0, 1 or 2 (x, y, z): " + axis);
        this.ghost = ghost;
        this.row = new int[] {2, 0, 1}[axis]; // real l = 1 harmonics are (y, z, x)
        this.vector = new EquivariantPowerSpectrum(new EquivariantPowerSpectrum.Hypers(1, EquivariantPowerSpectrum.Parities.PROPER,
                EquivariantPowerSpectrum.Normalisation.NONE, EquivariantPowerSpectrum.PairSelection.L1_LE_L2_WEIGHTED));
        SphericalExpansion.Hypers h = ghost.calculator().hypers();
        Expansion zero = new Expansion(h.maxAngular(), h.radialFunctions(), ghost.species(), new int[] {GhostExpansion.GHOST_SPECIES});
        if (h.maxAngular() < 1) throw new IllegalArgumentException("λ = 1 features need l_max ≥ 1");
        this.size = lambda1(zero).propertyCount();
    }

    /**
     * Covariant features of the response to a field along {@code axis} (0, 1, 2 = x, y, z): the
     * axis row of the λ = 1 equivariant power spectrum of the ghost expansion (see the class comment).
     */
    public static GhostSoapFeatures vectorComponent(Atoms structureAngstrom, SphericalExpansion.Hypers hypers, int axis) {
        return new GhostSoapFeatures(new GhostExpansion(new SphericalExpansion(hypers), structureAngstrom), axis);
    }

    private Block lambda1(Expansion e) {
        return vector.computeBlock(e, e, 1, 1).block(1, 1, GhostExpansion.GHOST_SPECIES);
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
        if (row < 0) {
            double[] f = InvariantPowerSpectrum.computeFlat(e);
            System.arraycopy(f, 0, out, 0, n * size);
            return;
        }
        double[] v = lambda1(e).values();
        for (int p = 0; p < n; p++) System.arraycopy(v, (3 * p + row) * size, out, p * size, size);
    }
}
