package org.equidens.model;

import java.util.List;
import org.equidens.structure.Atoms;

/**
 * What the density, response and SALTER models share: a trained {@link CoefficientModel} and its
 * predictions. The subclasses differ in how they are trained and what their rows mean.
 */
public abstract sealed class TrainedCoefficients permits DensityModel, ResponseModel, SalterModel {
    private final CoefficientModel model;

    TrainedCoefficients(CoefficientModel model) {
        this.model = model;
    }

    /**
     * rows × ncoef coefficients in internal m order: one row for a density (baseline included), three
     * (field x, y, z) for a response or SALTER model.
     */
    public double[] predict(Atoms atoms) {
        return model.predict(atoms);
    }

    /** As above for many structures, in parallel over structures. */
    public List<double[]> predict(List<Atoms> structures) {
        return model.predict(structures);
    }

    public CoefficientModel model() {
        return model;
    }
}
