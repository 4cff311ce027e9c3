package org.equidens.model;

import java.io.PrintWriter;
import java.util.List;
import org.equidens.basis.BasisSet;
import org.equidens.structure.Atoms;

/**
 * The equivariant density-response model (the vector-field paper): for each atom and λ, the
 * 3(2λ+1) block of the three field directions comes from the λ⊗1 kernel
 * ({@link org.equidens.kernel.VectorFieldKernel}) with one weight vector shared by x, y and z, so
 * rotating a structure rotates every predicted block by D^λ(R) ⊗ R exactly. Trained in the overlap
 * metric summed over the three directions ({@link CoefficientTraining}). No species baseline (a
 * response has no average).
 */
public final class ResponseModel {
    private final CoefficientModel model;
    private final CoefficientTraining.SolveInfo solve;

    ResponseModel(CoefficientModel model, CoefficientTraining.SolveInfo solve) {
        this.model = model;
        this.solve = solve;
    }

    /**
     * @param responses per structure 3 × ncoef (field x, y, z) in internal m order
     * @param log       progress, or null
     */
    public static ResponseModel train(List<Atoms> structures, List<double[]> responses, BasisSet basis, CoefficientOptions options, PrintWriter log) {
        return train(structures, responses, basis, options, log, null);
    }

    /** As above; a PCG solve saves and resumes its state through {@code checkpoint} (null: none). */
    public static ResponseModel train(List<Atoms> structures, List<double[]> responses, BasisSet basis, CoefficientOptions options, PrintWriter log,
                                CgCheckpoint checkpoint) {
        CoefficientTraining.SolveInfo[] info = new CoefficientTraining.SolveInfo[1];
        CoefficientModel m = CoefficientTraining.train(CoefficientFeatures.Kind.RESPONSE, 1, structures, responses, basis,
                options.withBaseline(false), log, info, checkpoint);
        return new ResponseModel(m, info[0]);
    }

    /** 3 × ncoef (rows x, y, z), internal m order. */
    public double[] predict(Atoms atoms) {
        return model.predict(atoms);
    }

    /** Parallel over structures. */
    public List<double[]> predict(List<Atoms> structures) {
        return model.predict(structures);
    }

    public CoefficientModel model() {
        return model;
    }

    /** How the weights were solved. */
    public CoefficientTraining.SolveInfo solveInfo() {
        return solve;
    }
}
