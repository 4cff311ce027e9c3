package org.equidens;

import java.nio.file.Path;
import java.util.List;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Units;
import org.equidens.io.InputException;
import org.equidens.io.StructureIO;
import org.equidens.model.CoefficientMetrics;
import org.equidens.model.CoefficientModel;
import org.equidens.model.CoefficientModelFiles;
import org.equidens.properties.Multipoles;
import org.equidens.realspace.Grid;
import org.equidens.realspace.PredictedField;
import org.equidens.realspace.VolumetricData;
import org.equidens.structure.Atoms;

/**
 * The library in a few calls, for use from any JVM language: load a trained density or response
 * model, predict a structure, get its coefficients and polarizability, evaluate it on a grid.
 *
 * <pre>{@code
 * Equidens.Model model = Equidens.load(Path.of("demo-output/model"));
 * Atoms water = Equidens.read(Path.of("data/water-monomers-pbe/structures.xyz")).get(0);
 * Equidens.Prediction p = model.predict(water);
 * double[] alpha = p.polarizability();          // 3×3 row-major, bohr³, α_jk = ∫ r_j ρ1_k
 * double[] cz = p.coefficients(2);              // response to a field along z (internal m order)
 * VolumetricData grid = p.onGrid(2, 0.2, 6.0);  // ρ1_z on a 0.2-bohr grid with a 6-bohr margin
 * double[] q = p.charges();                     // ∫ρ1_k: not exactly zero for a learned response
 * double[] alpha0 = p.neutralised().polarizability(); // α after the (optional) neutrality correction
 * }</pre>
 *
 * <p>Units: positions in Å (as in structure files); coefficients, grids and α in atomic units.
 * Coefficients are in equidens' internal order (m = −l..l per shell), which
 * {@code model.mOrder().fromInternal(...)} maps back to the training data's convention.
 */
public final class Equidens {
    private Equidens() {}

    /** Every structure of a file (extended XYZ; the format follows the extension). */
    public static List<Atoms> read(Path file) {
        return StructureIO.readAll(file);
    }

    /** A trained density or response model directory (as written by {@code train} or {@code demo}). */
    public static Model load(Path dir) {
        if (!CoefficientModelFiles.isCoefficientModel(dir)) {
            throw InputException.at(dir, "not a density or response model directory");
        }
        return new Model(CoefficientModelFiles.read(dir));
    }

    /** A loaded coefficient model. */
    public static final class Model {
        private final CoefficientModelFiles.Loaded loaded;

        Model(CoefficientModelFiles.Loaded loaded) {
            this.loaded = loaded;
        }

        /** "density" or "response". */
        public String task() {
            return loaded.task();
        }

        /** The m-order convention of the training data. */
        public org.equidens.basis.MOrder mOrder() {
            return loaded.mOrder();
        }

        public CoefficientModel model() {
            return loaded.model();
        }

        /** Predicts one structure (its species must be among the model's). */
        public Prediction predict(Atoms atoms) {
            return new Prediction(this, atoms, loaded.model().predict(atoms), false);
        }
    }

    /** The prediction for one structure. */
    public static final class Prediction {
        private final Model model;
        private final Atoms atoms;
        private final double[] coefficients;
        private final boolean neutralised;

        Prediction(Model model, Atoms atoms, double[] coefficients, boolean neutralised) {
            this.model = model;
            this.atoms = atoms;
            this.coefficients = coefficients;
            this.neutralised = neutralised;
        }

        /**
         * This response prediction with the neutrality correction applied (each ρ1_k shifted by the
         * minimal change in the overlap norm that makes ∫ρ1_k = 0; the same correction as
         * {@code validate --neutralise} and {@code predict --neutralise}). Never applied implicitly:
         * {@link #charges()} of the uncorrected prediction shows what it removes.
         */
        public Prediction neutralised() {
            if (rows() != 3) throw new IllegalStateException("the neutrality correction applies to response models");
            if (neutralised) return this;
            return new Prediction(model, atoms,
                    CoefficientMetrics.neutralised(new BasisFunctions(model.model().basis(), atoms), coefficients), true);
        }

        /** Whether {@link #neutralised()} made this prediction. */
        public boolean isNeutralised() {
            return neutralised;
        }

        /** Rows: 1 for a density model, 3 (field x, y, z) for a response model. */
        public int rows() {
            return model.model().outputs();
        }

        /** One row of coefficients (internal m order): the density (row 0) or the response to a field along x, y, z. */
        public double[] coefficients(int row) {
            int n = coefficients.length / rows();
            if (row < 0 || row >= rows()) throw new IllegalArgumentException("row must be in 0.." + (rows() - 1));
            return java.util.Arrays.copyOfRange(coefficients, row * n, (row + 1) * n);
        }

        /** α_jk = ∫ r_j ρ1_k about the coordinate origin, 3×3 row-major, bohr³ (response models). */
        public double[] polarizability() {
            if (rows() != 3) throw new IllegalStateException("a polarizability needs a response model");
            return Multipoles.polarizability(Multipoles.moments(new BasisFunctions(model.model().basis(), atoms)), coefficients);
        }

        /** ∫ of each row (the electron count of a density; ≈ 0 for responses). */
        public double[] charges() {
            Multipoles.Moments m = Multipoles.moments(new BasisFunctions(model.model().basis(), atoms));
            double[] q = new double[rows()];
            for (int r = 0; r < q.length; r++) q[r] = m.charge(coefficients(r));
            return q;
        }

        /**
         * Row {@code row} on a grid of the given spacing (bohr) enclosing the atoms with a margin
         * (bohr), periodic images included for cells.
         */
        public VolumetricData onGrid(int row, double spacingBohr, double marginBohr) {
            double[] bohr = atoms.positions().clone();
            for (int i = 0; i < bohr.length; i++) bohr[i] = Units.angstromToBohr(bohr[i]);
            Grid grid = Grid.enclosing(bohr, spacingBohr, marginBohr);
            // this prediction's own coefficients (so a neutralised prediction is evaluated as corrected)
            return new VolumetricData(grid, PredictedField.basis(model.model(), atoms).evaluate(coefficients(row), grid));
        }
    }
}
