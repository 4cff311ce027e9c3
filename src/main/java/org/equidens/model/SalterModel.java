package org.equidens.model;

import java.io.PrintWriter;
import java.util.List;
import org.equidens.basis.BasisSet;
import org.equidens.structure.Atoms;

/**
 * SALTER (Lewis, Lazzaroni, Rossi, JCP 159, 014103 (2023)), the non-equivariant baseline of the
 * vector-field paper: the density model trained independently for each Cartesian component of the
 * response, with the same hyperparameters (no baseline). Each component is a scalar field learned
 * with λ-kernels, so the three predictions do not rotate into each other: a rotated molecule gets a
 * different (wrong) answer. Shares the design matrix between the three solves.
 */
public final class SalterModel extends TrainedCoefficients {
    private final CoefficientTraining.SolveInfo[] solve;

    SalterModel(CoefficientModel model, CoefficientTraining.SolveInfo[] solve) {
        super(model);
        this.solve = solve;
    }

    /** @param responses per structure 3 × ncoef (x, y, z), internal m order */
    public static SalterModel train(List<Atoms> structures, List<double[]> responses, BasisSet basis, CoefficientOptions options, PrintWriter log) {
        return train(structures, responses, basis, options, log, null);
    }

    /** As above; a PCG solve saves and resumes its state through {@code checkpoint} (null: none). */
    public static SalterModel train(List<Atoms> structures, List<double[]> responses, BasisSet basis, CoefficientOptions options, PrintWriter log,
                                CgCheckpoint checkpoint) {
        CoefficientTraining.SolveInfo[] info = new CoefficientTraining.SolveInfo[3];
        CoefficientModel m = CoefficientTraining.train(CoefficientFeatures.Kind.DENSITY, 3, structures, responses, basis,
                options.withBaseline(false), log, info, checkpoint);
        return new SalterModel(m, info);
    }

    public CoefficientTraining.SolveInfo[] solveInfo() {
        return solve.clone();
    }
}
