package org.equidens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.equidens.basis.BasisFunctions;
import org.equidens.basis.Units;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.realspace.CubeFile;
import org.equidens.realspace.Grid;
import org.equidens.realspace.RealSpaceBasis;
import org.equidens.realspace.GridMetrics;
import org.equidens.realspace.PredictedField;
import org.equidens.realspace.VolumetricData;
import org.equidens.io.StructureIO;
import org.equidens.model.CoefficientModel;
import org.equidens.model.CoefficientModelFiles;
import java.util.List;
import java.util.function.Supplier;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes a density or response of a dataset structure as a Gaussian cube file, for viewers and for
 * comparison with the cube files of quantum-chemistry codes. The coefficients come either from the
 * dataset's reference targets ({@code --dataset}) or from a trained model's prediction for a frame of
 * a structure file ({@code --model}, via {@link PredictedField}); everything after {@link Source} is
 * shared. {@code --compare} prints the errors against a reference cube on the same grid
 * ({@link GridMetrics#compare}), which is how a model is checked against a QM code's own cube.
 */
@Command(name = "cube", mixinStandardHelpOptions = true,
        description = {"Evaluate a structure's density or density response on a grid and write a Gaussian cube file (bohr).",
                "The grid is that of --like REF.cube, else the cell of a periodic structure, else a box enclosing the",
                "molecule with --margin on every side. The field is the dataset's reference (--dataset) or a trained",
                "model's prediction for a frame of --structures (--model)."})
final class CubeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", description = "Dataset folder: evaluate its reference coefficients.")
    Path dataset;

    @Option(names = "--model", description = "Trained density/response model folder: evaluate its prediction (needs --structures).")
    Path model;

    @Option(names = "--structures", description = "Structure file whose frame --frame the model predicts (with --model).")
    Path structures;

    @Option(names = "--compare", description = "Reference cube on the same grid: print relative L2, normalised MAE and the planar-average (z) difference.")
    Path compare;

    @Option(names = "--frame", defaultValue = "0", description = "Structure index, from 0 (default: ${DEFAULT-VALUE}).")
    int frame;

    @Option(names = "--target", description = "density or response (default: density, or the task of --model).")
    String target;

    @Option(names = "--field", description = "Field direction x, y or z of a response (required for --target response or a response model).")
    String field;

    @Option(names = "--like", description = "Evaluate on exactly the grid of this cube file.")
    Path like;

    @Option(names = "--spacing", defaultValue = "0.2", description = "Grid spacing in bohr (default: ${DEFAULT-VALUE}).")
    double spacing;

    @Option(names = "--margin", defaultValue = "6.0", description = "Space around a molecule in bohr (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--out", required = true, description = "Cube file to write.")
    Path out;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (run.threads() > 0) Threads.configure(run.threads());
        if ((dataset == null) == (model == null)) {
            throw new InputException(dataset == null ? "give --dataset or --model" : "--dataset and --model are mutually exclusive");
        }
        if (model != null && structures == null) throw new InputException("--model needs --structures FILE");
        if (dataset != null && structures != null) throw new InputException("--structures applies only to --model");
        if (!(spacing > 0) || !(spacing < 10)) throw new InputException("--spacing must be between 0 and 10 bohr, not " + spacing);
        if (!(margin >= 0) || !(margin < 100)) throw new InputException("--margin must be between 0 and 100 bohr, not " + margin);
        Source src = model != null ? fromModel() : fromDataset();
        String target = src.target;
        Atoms atoms = src.atoms;
        BasisFunctions bf = src.basis.functions();
        RealSpaceBasis basis = src.basis;
        Grid grid;
        String gridFrom;
        if (like != null) {
            CubeFile ref = CubeFile.read(like);
            grid = ref.grid();
            gridFrom = "grid of " + like;
            if (!sameAtoms(ref, atoms)) {
                w.printf("note: the atoms of %s are not those of frame %d; evaluating on its grid anyway%n", like, frame);
            }
        } else if (basis.isPeriodic()) {
            grid = Grid.ofCell(basis.cell(), spacing);
            gridFrom = String.format(Locale.ROOT, "cell grid, spacing ≤ %.3f bohr", spacing);
        } else {
            double[] pos = new double[3 * atoms.size()];
            for (int a = 0; a < atoms.size(); a++) System.arraycopy(bf.centre(a), 0, pos, 3 * a, 3);
            grid = Grid.enclosing(pos, spacing, margin);
            gridFrom = String.format(Locale.ROOT, "box with %.2f bohr margin, spacing %.3f bohr", margin, spacing);
        }
        CubeFile reference = compare == null ? null : CubeFile.read(compare);
        if (reference != null && !reference.grid().sameAs(grid, 1e-5)) {
            throw InputException.at(compare, "not on the grid of the output (" + grid + "); use --like " + compare);
        }
        double[] c = src.coefficients.get();
        long t0 = System.nanoTime();
        double[] values = basis.evaluate(c, grid);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        VolumetricData data = new VolumetricData(grid, values);
        String what = target.equals("density") ? "electron density" : "density response to a field along " + field;
        CubeFile cube = CubeFile.of("equidens " + what + " [e/bohr^3]",
                src.description + "; " + gridFrom, atoms, data);
        cube.write(out);
        w.printf(Locale.ROOT, "%s of frame %d on %s: %s = %d points, %.2f s%n", what, frame, gridFrom,
                Arrays.toString(grid.counts()), grid.size(), seconds);
        w.printf(Locale.ROOT, "integral over the grid %.6f (from the coefficients, all space: %.6f)%n", data.integral(),
                dot(c, basis.integrals()));
        w.printf("wrote %s%n", out);
        if (reference != null) {
            GridMetrics.Comparison cmp = GridMetrics.compare(data, reference.data(), 2);
            String rel = Double.isNaN(cmp.planarRelative()) ? "the reference's is 0, by symmetry"
                    : String.format(Locale.ROOT, "%.4f%% of its max", 100 * cmp.planarRelative());
            w.printf(Locale.ROOT, "against %s: relative L2 %.4f%%, normalised MAE %.4f%%, planar average along z: max |diff| %.4e (%s)%n",
                    compare, 100 * cmp.relativeL2(), 100 * cmp.normalisedMae(), cmp.planarMaxAbsDiff(), rel);
        }
        return 0;
    }

    /** Where the field comes from: structure, basis, target/field and (lazily) the coefficients. */
    private record Source(Atoms atoms, RealSpaceBasis basis, String target, int field, Supplier<double[]> coefficients, String description) {}

    private String targetOr(String dflt) {
        String t = target == null ? dflt : target;
        if (!t.equals("density") && !t.equals("response")) throw new InputException("--target must be density or response, not '" + t + "'");
        return t;
    }

    private int fieldFor(String t) {
        if (t.equals("response")) {
            if (field == null) throw new InputException("a response needs --field x, y or z");
            int k = "xyz".indexOf(field);
            if (field.length() != 1 || k < 0) throw new InputException("--field must be x, y or z, not '" + field + "'");
            return k;
        }
        if (field != null) throw new InputException("--field applies only to a response");
        return -1;
    }

    private Source fromDataset() {
        String t = targetOr("density");
        int k = fieldFor(t);
        Dataset ds = Dataset.load(dataset);
        if (frame < 0 || frame >= ds.size()) {
            throw InputException.at(ds.yaml(), "frame " + frame + " out of range: the dataset has " + ds.size() + " structures");
        }
        Atoms atoms = ds.structures().get(frame);
        BasisFunctions bf = ds.basisFunctions(frame);
        return new Source(atoms, RealSpaceBasis.of(bf, atoms), t, k, () -> coefficients(ds, frame, bf.size(), t, k),
                "dataset " + ds.name() + " frame " + frame + ", reference coefficients");
    }

    /** The model's prediction: species are checked here, before any grid work or output. */
    private Source fromModel() {
        CoefficientModelFiles.Loaded loaded = CoefficientModelFiles.read(model);
        CoefficientModel m = loaded.model();
        String t = targetOr(m.outputs() == 3 ? "response" : "density");
        if (t.equals("response") != (m.outputs() == 3)) {
            throw InputException.at(model, "--target " + t + " does not match this " + loaded.task() + " model");
        }
        int k = fieldFor(t);
        List<Atoms> frames = StructureIO.readAll(structures);
        if (frame < 0 || frame >= frames.size()) {
            throw InputException.at(structures, "frame " + frame + " out of range: the file has " + frames.size() + " structures");
        }
        Atoms atoms = frames.get(frame);
        try {
            m.checkSpecies(atoms, "frame " + frame);
        } catch (InputException e) {
            throw InputException.at(structures, e.getMessage());
        }
        return new Source(atoms, PredictedField.basis(m, atoms), t, k, () -> PredictedField.coefficients(m, atoms, k),
                "model " + model.getFileName() + " (" + loaded.task() + ") prediction for frame " + frame + " of " + structures.getFileName());
    }

    /** The coefficient vector to evaluate: the dataset's reference (a trained model will be the other source). */
    private static double[] coefficients(Dataset ds, int frame, int n, String target, int k) {
        if (!ds.hasTarget(target)) throw InputException.at(ds.yaml(), "no target '" + target + "' in this dataset");
        double[] all = ds.coefficients(target).data();
        int rows = target.equals("response") ? 3 : 1;
        int off = (frame * rows + Math.max(k, 0)) * n;
        return Arrays.copyOfRange(all, off, off + n);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static boolean sameAtoms(CubeFile cube, Atoms atoms) {
        if (cube.atoms() != atoms.size()) return false;
        for (int a = 0; a < atoms.size(); a++) {
            for (int c = 0; c < 3; c++) {
                if (Math.abs(cube.positionsBohr()[3 * a + c] - Units.angstromToBohr(atoms.x(a, c))) > 1e-3) return false;
            }
        }
        return true;
    }
}
