package org.equidens.realspace;

import java.util.Arrays;
import org.equidens.basis.BasisFunctions;
import org.equidens.model.CoefficientModel;
import org.equidens.structure.Atoms;

/**
 * A trained coefficient model's prediction for one structure, evaluated on a grid. This is the
 * library side of {@code cube --model}: the model predicts coefficients on its own auxiliary basis
 * (internal m order, the order {@link RealSpaceBasis} expects), so no dataset and no m-order
 * conversion are involved, and the same call serves scripts and tests.
 */
public final class PredictedField {
    private PredictedField() {}

    /**
     * The coefficient vector to evaluate: the density row (row −1 or 0 of a one-row model), or row
     * {@code field} (0, 1, 2 = x, y, z) of a response / SALTER model. Throws an
     * {@link org.equidens.io.InputException} for a species the model was not trained on.
     */
    public static double[] coefficients(CoefficientModel model, Atoms atoms, int field) {
        model.checkSpecies(atoms, "structure");
        int rows = model.outputs();
        if (rows == 1 && field > 0) throw new IllegalArgumentException("a density model has no field direction " + field);
        if (rows == 3 && (field < 0 || field > 2)) throw new IllegalArgumentException("a response model needs field 0, 1 or 2, not " + field);
        double[] all = model.predict(atoms);
        int n = all.length / rows, row = Math.max(field, 0);
        return Arrays.copyOfRange(all, row * n, (row + 1) * n);
    }

    /** The real-space basis of the model on a structure (periodic if the structure is). */
    public static RealSpaceBasis basis(CoefficientModel model, Atoms atoms) {
        model.checkSpecies(atoms, "structure");
        return RealSpaceBasis.of(new BasisFunctions(model.basis(), atoms), atoms);
    }

    /** The predicted field (density or response along {@code field}) of {@code atoms} on {@code grid}. */
    public static VolumetricData evaluate(CoefficientModel model, Atoms atoms, int field, Grid grid) {
        double[] c = coefficients(model, atoms, field);
        return new VolumetricData(grid, basis(model, atoms).evaluate(c, grid));
    }
}
