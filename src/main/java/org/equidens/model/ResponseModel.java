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
public final class ResponseModel extends TrainedCoefficients {
    private final CoefficientTraining.SolveInfo solve;

    ResponseModel(CoefficientModel model, CoefficientTraining.SolveInfo solve) {
        super(model);
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

    /**
     * Training with a per-structure metric and right-hand side instead of the overlap and reference
     * coefficients: minimises (1/N)Σ_k Σ_d [(X_kd w)ᵀ M_k (X_kd w) − 2 (X_kd w)ᵀ b_kd] + η‖w‖², the same
     * kernels, sparse sets and weights as {@link #train}. Used by the real-space loss
     * ({@link org.equidens.realspace.RealSpaceTraining}).
     *
     * @param metrics per structure ncoef × ncoef SPD (internal m order)
     * @param rhs     per structure 3 × ncoef (b_kd = M_k-weighted targets, rows x, y, z)
     */
    public static ResponseModel trainWithMetrics(List<Atoms> structures, double[][] metrics, List<double[]> rhs, BasisSet basis,
                                                 CoefficientOptions options, PrintWriter log) {
        CoefficientTraining.SolveInfo[] info = new CoefficientTraining.SolveInfo[1];
        CoefficientModel m = CoefficientTraining.train(CoefficientFeatures.Kind.RESPONSE, 1, structures, rhs, basis,
                options.withBaseline(false), log, info, null, metrics);
        return new ResponseModel(m, info[0]);
    }

    /** How the weights were solved. */
    public CoefficientTraining.SolveInfo solveInfo() {
        return solve;
    }
}
