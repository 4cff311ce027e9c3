package org.equidens.descriptor;

import org.equidens.descriptor.EquivariantPowerSpectrum.Normalisation;
import org.equidens.descriptor.EquivariantPowerSpectrum.PairSelection;
import org.equidens.descriptor.EquivariantPowerSpectrum.Parities;
import org.equidens.structure.Atoms;

/**
 * Multi-scale λ-SOAP (Grisafi, Nigam &amp; Ceriotti, "multi-scale LODE"): for every centre, the local
 * ρ⊗ρ block and the long-range ρ⊗V block of the same (λ, σ), side by side in one feature vector,
 * <pre>
 *   x_i = [ P^ρρ_i / ‖P^ρρ_i‖ ,  w · P^ρV_i / ‖P^ρV_i‖ ]
 * </pre>
 * each part scaled to unit norm per centre (norm over μ and features, rotation invariant), so that
 * a linear kernel of x is (K^ρρ + w² K^ρV) / (1 + w²) in the normalised kernels of the two parts and
 * the weight w alone sets their balance, whatever the units of V. ρ is the {@link SphericalExpansion}
 * of the λ-SOAP hypers, V the {@link LodeSphericalExpansion} of the same neighbour species evaluated
 * on the same centres; ρ⊗V keeps all ordered (l1, l2) pairs (l1 from ρ, l2 from V).
 *
 * <p>Both parts are equivariant blocks of the same (λ, σ), so the concatenation is too, and every
 * kernel and model built on λ-SOAP blocks takes it unchanged. A part that vanishes for a centre
 * (e.g. λ ≥ 1 of a centre with a spherical environment) stays zero instead of being divided by 0.
 */
public final class MultiscaleSoap {
    /** Norms below this are treated as an identically vanishing part. */
    private static final double TINY = 1e-300;

    /**
     * The long-range part.
     *
     * @param lode   LODE hypers (smearing, exponent, GTO radius, N, l_max, k cutoff, ...)
     * @param weight w of the class comment, ≥ 0 (0 = ρ⊗ρ alone, with the ρ⊗V columns zero)
     */
    public record Potential(LodeSphericalExpansion.Hyperparameters lode, double weight) {
        public Potential {
            if (lode == null) throw new IllegalArgumentException("LODE hyperparameters must be given");
            if (!(weight >= 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight);
        }
    }

    private final LambdaSoap soap;
    private final Potential potential;
    private final LodeSphericalExpansion lode;
    private final EquivariantPowerSpectrum cross;

    public MultiscaleSoap(LambdaSoap.Hypers hypers, Potential potential) {
        if (hypers.expansion().species() == null) throw new IllegalArgumentException("fix the neighbour species first");
        this.soap = new LambdaSoap(hypers);
        this.potential = potential;
        this.lode = new LodeSphericalExpansion(potential.lode());
        this.cross = new EquivariantPowerSpectrum(new EquivariantPowerSpectrum.Hypers(hypers.lambdaMax(), Parities.BOTH, Normalisation.NONE,
                PairSelection.ALL_ORDERED));
    }

    public LambdaSoap soap() {
        return soap;
    }

    public Potential potential() {
        return potential;
    }

    /** Whether both parts have a (λ, σ) block at these l_max (ρ⊗V: l1 ≤ l_max of ρ, l2 ≤ l_max of V). */
    public static boolean hasBlock(int lmaxRho, int lmaxV, int lambda, int sigma) {
        if (!LambdaSoap.hasBlock(lmaxRho, lambda, sigma)) return false;
        for (int l1 = 0; l1 <= lmaxRho; l1++)
            for (int l2 = 0; l2 <= lmaxV; l2++)
                if (Math.abs(l1 - l2) <= lambda && lambda <= l1 + l2 && (((l1 + l2 + lambda) & 1) == 0) == (sigma == 1)) return true;
        return false;
    }

    /**
     * The LODE expansion of {@code atoms} on the centres of the density expansion {@code rho} (same
     * samples, centre species and neighbour species), ready to be coupled with it.
     */
    public Expansion potentialExpansion(Atoms atoms, Expansion rho) {
        LodeSphericalExpansion.Result all = lode.compute(atoms, rho.species());
        int stride = all.layout().perCentre();
        int atomColumn = rho.samples().column("atom");
        double[] values = new double[Math.multiplyExact(rho.centres(), stride)];
        for (int c = 0; c < rho.centres(); c++) {
            int atom = atomColumn < 0 ? c : rho.samples().get(c, atomColumn);
            System.arraycopy(all.values(), atom * stride, values, c * stride, stride);
        }
        return new Expansion(all.layout().maxAngular(), all.layout().radialSize(), rho.species(), rho.centerSpecies(), rho.samples(), values);
    }

    /** Block (λ, σ) of a structure: rows = the density expansion's centres, in structure order. */
    public Block block(Atoms atoms, int lambda, int sigma) {
        Expansion rho = soap.expansion().compute(atoms);
        return block(rho, potentialExpansion(atoms, rho), lambda, sigma);
    }

    /** Block (λ, σ) from the two expansions of one structure (same centres). */
    public Block block(Expansion rho, Expansion v, int lambda, int sigma) {
        if (!hasBlock(rho.lmax(), v.lmax(), lambda, sigma))
            throw new IllegalArgumentException("multi-scale λ-SOAP has no block λ=" + lambda + ", σ=" + sigma + " at l_max " + rho.lmax() + " (ρ), "
                    + v.lmax() + " (V)");
        Block local = soap.block(rho, lambda, sigma);
        Block far = LambdaSoap.inCentreOrder(cross.computeBlock(rho, v, lambda, sigma), rho, lambda, sigma);
        int comps = 2 * lambda + 1, f1 = local.propertyCount(), f2 = far.propertyCount(), n = rho.centres();
        int s1 = comps * f1, s2 = comps * f2, width = f1 + f2;
        double[] out = new double[Math.multiplyExact(n, comps * width)];
        double w = potential.weight();
        for (int i = 0; i < n; i++) {
            double a = scale(local.values(), i * s1, s1, 1.0), b = scale(far.values(), i * s2, s2, w);
            for (int mu = 0; mu < comps; mu++) {
                int o = (i * comps + mu) * width;
                for (int p = 0; p < f1; p++) out[o + p] = a * local.values()[i * s1 + mu * f1 + p];
                for (int p = 0; p < f2; p++) out[o + f1 + p] = b * far.values()[i * s2 + mu * f2 + p];
            }
        }
        return new Block(local.samples(), local.components(), properties(f1, f2), out);
    }

    /** Properties ("part", "feature"): part 0 = ρ⊗ρ, 1 = ρ⊗V, feature = column within the part. */
    private static Labels properties(int f1, int f2) {
        int[] v = new int[2 * (f1 + f2)];
        for (int p = 0; p < f1 + f2; p++) {
            v[2 * p] = p < f1 ? 0 : 1;
            v[2 * p + 1] = p < f1 ? p : p - f1;
        }
        return new Labels(new String[] {"part", "feature"}, v);
    }

    /** weight / ‖x[from, from+len)‖, or 0 for a vanishing part. */
    private static double scale(double[] x, int from, int len, double weight) {
        double s = 0;
        for (int k = from; k < from + len; k++) s += x[k] * x[k];
        return s > TINY ? weight / Math.sqrt(s) : 0.0;
    }
}
