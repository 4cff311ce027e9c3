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
import org.equidens.realspace.VolumetricData;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes a density or response of a dataset structure as a Gaussian cube file, for viewers and for
 * comparison with the cube files of quantum-chemistry codes. The coefficients come from the dataset's
 * reference targets; a trained model ({@code --model}) will be a second source of the same coefficient
 * vector, so everything after {@link #coefficients} is shared.
 */
@Command(name = "cube", mixinStandardHelpOptions = true,
        description = {"Evaluate a structure's density or density response on a grid and write a Gaussian cube file (bohr).",
                "The grid is that of --like REF.cube, else the cell of a periodic structure, else a box enclosing the",
                "molecule with --margin on every side."})
final class CubeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, description = "Dataset folder.")
    Path dataset;

    @Option(names = "--frame", defaultValue = "0", description = "Structure index, from 0 (default: ${DEFAULT-VALUE}).")
    int frame;

    @Option(names = "--target", defaultValue = "density", description = "density or response (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--field", description = "Field direction x, y or z of a response (required with --target response).")
    String field;

    @Option(names = "--like", description = "Evaluate on exactly the grid of this cube file.")
    Path like;

    @Option(names = "--spacing", defaultValue = "0.2", description = "Grid spacing in bohr (default: ${DEFAULT-VALUE}).")
    double spacing;

    @Option(names = "--margin", defaultValue = "6.0", description = "Space around a molecule in bohr (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--out", required = true, description = "Cube file to write.")
    Path out;

    @Option(names = "--threads", defaultValue = "0", description = "Cores to use (default: all).")
    int threads;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (threads > 0) Threads.configure(threads);
        if (!target.equals("density") && !target.equals("response")) {
            throw new InputException("--target must be density or response, not '" + target + "'");
        }
        int k = -1;
        if (target.equals("response")) {
            if (field == null) throw new InputException("--target response needs --field x, y or z");
            k = "xyz".indexOf(field);
            if (field.length() != 1 || k < 0) throw new InputException("--field must be x, y or z, not '" + field + "'");
        } else if (field != null) {
            throw new InputException("--field applies only to --target response");
        }
        if (!(spacing > 0) || !(spacing < 10)) throw new InputException("--spacing must be between 0 and 10 bohr, not " + spacing);
        if (!(margin >= 0) || !(margin < 100)) throw new InputException("--margin must be between 0 and 100 bohr, not " + margin);
        Dataset ds = Dataset.load(dataset);
        if (frame < 0 || frame >= ds.size()) {
            throw InputException.at(ds.yaml(), "frame " + frame + " out of range: the dataset has " + ds.size() + " structures");
        }
        Atoms atoms = ds.structures().get(frame);
        BasisFunctions bf = ds.basisFunctions(frame);
        double[] c = coefficients(ds, frame, bf.size(), target, k);
        RealSpaceBasis basis = RealSpaceBasis.of(bf, atoms);
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
        long t0 = System.nanoTime();
        double[] values = basis.evaluate(c, grid);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        VolumetricData data = new VolumetricData(grid, values);
        String what = target.equals("density") ? "electron density" : "density response to a field along " + field;
        CubeFile cube = CubeFile.of("equidens " + what + " [e/bohr^3]",
                "dataset " + ds.name() + " frame " + frame + ", reference coefficients; " + gridFrom, atoms, data);
        cube.write(out);
        w.printf(Locale.ROOT, "%s of frame %d on %s: %s = %d points, %.2f s%n", what, frame, gridFrom,
                Arrays.toString(grid.counts()), grid.size(), seconds);
        w.printf(Locale.ROOT, "integral over the grid %.6f (from the coefficients, all space: %.6f)%n", data.integral(),
                dot(c, basis.integrals()));
        w.printf("wrote %s%n", out);
        return 0;
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
