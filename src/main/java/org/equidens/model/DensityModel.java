package org.equidens.model;

import java.io.PrintWriter;
import java.util.List;
import org.equidens.basis.BasisSet;
import org.equidens.structure.Atoms;

/**
 * SALTED's density model: per species, λ and radial function n, c_{i,nλμ} = Ψ^λ_{iμ}·w^{sλn} with the
 * SA-GPR λ-kernel K^λ·k0^{ζ−1} of normalised λ-SOAP, sparse environments per species (FPS order,
 * M_λ = round(M0·exp(−0.05λ²))), RKHS projection, and the loss measured in the overlap metric of the
 * auxiliary basis. Optional species-average λ=0 baseline (mean over the training set, not over all
 * data as SALTED does: test structures never inform the model).
 */
public final class DensityModel extends TrainedCoefficients {
    private final CoefficientTraining.SolveInfo solve;

    DensityModel(CoefficientModel model, CoefficientTraining.SolveInfo solve) {
        super(model);
        this.solve = solve;
    }

    /** @param densities per structure ncoef coefficients, internal m order */
    public static DensityModel train(List<Atoms> structures, List<double[]> densities, BasisSet basis, CoefficientOptions options, PrintWriter log) {
        return train(structures, densities, basis, options, log, null);
    }

    /** As above; a PCG solve saves and resumes its state through {@code checkpoint} (null: none). */
    public static DensityModel train(List<Atoms> structures, List<double[]> densities, BasisSet basis, CoefficientOptions options, PrintWriter log,
                                CgCheckpoint checkpoint) {
        CoefficientTraining.SolveInfo[] info = new CoefficientTraining.SolveInfo[1];
        CoefficientModel m = CoefficientTraining.train(CoefficientFeatures.Kind.DENSITY, 1, structures, densities, basis, options, log, info, checkpoint);
        return new DensityModel(m, info[0]);
    }

    public CoefficientTraining.SolveInfo solveInfo() {
        return solve;
    }
}
