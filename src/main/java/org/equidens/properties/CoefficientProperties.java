package org.equidens.properties;

import org.equidens.basis.BasisFunctions;
import org.equidens.io.Dataset;
import org.equidens.io.Npy;
import org.equidens.util.Threads;

/**
 * Physical properties of every structure of a dataset computed from its coefficient arrays:
 * electron count of the density, charge of each field response, polarizability. Used by
 * {@code demo} and {@code validate} to compare with the reference values stored in the structures.
 */
public final class CoefficientProperties {
    /** Per structure: density charge (NaN without a density target), response charges (3) and α (9), or nulls. */
    public record PerStructure(double electrons, double[] responseCharges, double[] alpha) {}

    private CoefficientProperties() {}

    /** Computes the properties of all structures in parallel (moments about the coordinate origin). */
    public static PerStructure[] compute(Dataset dataset) {
        Npy.Array density = dataset.hasTarget("density") ? dataset.coefficients("density") : null;
        Npy.Array response = dataset.hasTarget("response") ? dataset.coefficients("response") : null;
        PerStructure[] out = new PerStructure[dataset.size()];
        Threads.parallelFor(0, dataset.size(), s -> {
            BasisFunctions bf = dataset.basisFunctions(s);
            Multipoles.Moments m = Multipoles.moments(bf);
            int n = bf.size();
            double electrons = Double.NaN;
            if (density != null) {
                double[] c = new double[n];
                System.arraycopy(density.data(), s * n, c, 0, n);
                electrons = m.charge(c);
            }
            double[] q = null;
            double[] alpha = null;
            if (response != null) {
                double[] r = new double[3 * n];
                System.arraycopy(response.data(), s * 3 * n, r, 0, 3 * n);
                q = Multipoles.responseCharges(m, r);
                alpha = Multipoles.polarizability(m, r);
            }
            out[s] = new PerStructure(electrons, q, alpha);
        });
        return out;
    }
}
