package org.equidens.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.equidens.basis.BasisSet;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.model.CoefficientModel;
import org.equidens.model.CoefficientModelFiles;
import org.equidens.realspace.GridMetrics;
import org.equidens.realspace.GridSamples;
import org.equidens.realspace.GridValidation;
import org.equidens.realspace.VolumetricData;
import org.equidens.structure.Atoms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A response model's predictions (or, without --model, the dataset's reference coefficients: the
 * density-fitting floor) on the test grids of a grid-samples folder: relative L2 and normalised MAE ε
 * per molecule, α against CPKS, and optionally the planar averages of one molecule.
 */
@Command(name = "grid-validate", mixinStandardHelpOptions = true,
        description = {"Errors of a response model (or of the dataset's reference coefficients) on reference response grids:",
                "relative L2 and normalised MAE per test molecule, α against CPKS alpha, planar averages."})
final class GridValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--grids", required = true, description = "grid-samples folder holding test-grids/.")
    Path grids;

    @Option(names = "--dataset", defaultValue = "data/water-monomers-pbe", description = "Dataset the frames index (default: ${DEFAULT-VALUE}).")
    Path dataset;

    @Option(names = "--model", description = "Response model directory (default: the dataset's reference coefficients).")
    Path model;

    @Option(names = "--profile-frame", description = "Also write planar averages (reference and predicted, x y z fields) of this test frame.")
    Integer profileFrame;

    @Option(names = "--axis", defaultValue = "z", description = "Planar-average axis x, y or z (default: ${DEFAULT-VALUE}).")
    String axis;

    @Option(names = "--exclude-core", defaultValue = "0", description = "Leave out grid points closer than this to a nucleus (bohr; default 0: none).")
    double excludeCore;

    @Option(names = "--out", description = "Folder for metrics.json and the profile CSVs.")
    Path out;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (run.threads() > 0) org.equidens.util.Threads.configure(run.threads());
        int ax = "xyz".indexOf(axis);
        if (axis.length() != 1 || ax < 0) throw new InputException("--axis must be x, y or z, not '" + axis + "'");
        if (profileFrame != null && out == null) throw new InputException("--profile-frame needs --out");
        if (out != null) org.equidens.io.AtomicFiles.checkFolder(out);
        Dataset d = Dataset.load(Main.installed(dataset));
        BasisSet basis;
        BiFunction<Integer, Atoms, double[]> coef;
        String what;
        if (model != null) {
            CoefficientModelFiles.Loaded loaded = CoefficientModelFiles.read(model);
            if (!"response".equals(loaded.task())) throw InputException.at(model, "is a " + loaded.task() + " model; grid-validate needs a response model");
            CoefficientModel m = loaded.model();
            basis = m.basis();
            coef = (f, a) -> m.predict(a);
            what = "model " + model;
        } else {
            if (!d.hasTarget("response")) throw InputException.at(d.yaml(), "no 'response' target");
            double[] all = d.coefficients("response").data();
            basis = d.basis();
            coef = (f, a) -> {
                int n = 3 * org.equidens.io.Dataset.functionCount(d.basis(), a);
                return Arrays.copyOfRange(all, f * n, (f + 1) * n);
            };
            what = "reference coefficients of " + d.name();
        }
        int[] frames = GridSamples.gridFrames(grids);
        if (profileFrame != null && Arrays.stream(frames).noneMatch(f -> f == profileFrame))
            throw InputException.at(grids, "no test grid for --profile-frame " + profileFrame);
        long t0 = System.nanoTime();
        if (!(excludeCore >= 0) || Double.isInfinite(excludeCore)) throw new InputException("--exclude-core must be >= 0, got " + excludeCore);
        List<GridValidation.PerMolecule> ps = GridValidation.run(d, grids, basis, coef, frames, excludeCore);
        GridValidation.Summary s = GridValidation.summary(ps);
        w.printf(Locale.ROOT, "%s on %d test grids%s:%n", what, s.molecules(), excludeCore > 0 ? String.format(Locale.ROOT, " (points within %.2f bohr of a nucleus left out)", excludeCore) : "");
        w.printf(Locale.ROOT, "%8s %10s %10s%n", "frame", "L2 %", "ε %");
        for (GridValidation.PerMolecule p : ps) w.printf(Locale.ROOT, "%8d %10.3f %10.3f%n", p.frame(), 100 * p.meanL2(), 100 * p.meanMae());
        w.printf(Locale.ROOT, "mean relative L2 %.3f %% (max %.3f %%), mean ε %.3f %% (max %.3f %%), α RMSE vs CPKS %.4f bohr³  [%.1f s]%n",
                100 * s.meanL2(), 100 * s.maxL2(), 100 * s.meanMae(), 100 * s.maxMae(), s.alphaRmse(), (System.nanoTime() - t0) * 1e-9);
        if (out != null) {
            try {
                Files.createDirectories(out);
            } catch (java.io.IOException e) {
                throw InputException.at(out, "cannot create: " + e.getMessage());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", what);
            m.put("grids", grids.toString());
            m.put("molecules", s.molecules());
            m.put("exclude_core_bohr", excludeCore);
            m.put("mean_relative_l2", s.meanL2());
            m.put("max_relative_l2", s.maxL2());
            m.put("mean_normalised_mae", s.meanMae());
            m.put("max_normalised_mae", s.maxMae());
            m.put("alpha_rmse_bohr3", s.alphaRmse());
            List<Map<String, Object>> per = ps.stream().map(p -> Map.<String, Object>of("frame", p.frame(), "relative_l2", p.relativeL2(),
                    "normalised_mae", p.normalisedMae(), "alpha", p.alpha())).toList();
            m.put("per_molecule", per);
            if (profileFrame != null) {
                Atoms atoms = d.structures().get(profileFrame);
                double[] c = coef.apply(profileFrame, atoms);
                VolumetricData[] ref = GridSamples.readGrid(grids, profileFrame);
                Map<String, Object> prof = new LinkedHashMap<>();
                for (int k = 0; k < 3; k++) {
                    String f = "xyz".substring(k, k + 1);
                    VolumetricData pred = GridValidation.field(grids, profileFrame, atoms, basis, c, k);
                    GridMetrics.Comparison cmp = GridMetrics.compare(pred, ref[k], ax);
                    ref[k].planarAverage(ax).writeCsv(out.resolve(String.format(Locale.ROOT, "planar_%s_reference_%05d_%s.csv", axis, profileFrame, f)));
                    pred.planarAverage(ax).writeCsv(out.resolve(String.format(Locale.ROOT, "planar_%s_predicted_%05d_%s.csv", axis, profileFrame, f)));
                    w.printf(Locale.ROOT, "frame %d field %s: L2 %.3f %%, ε %.3f %%, planar average along %s: max |Δ| %.3e (%.3f %% of max |ref|)%n",
                            profileFrame, f, 100 * cmp.relativeL2(), 100 * cmp.normalisedMae(), axis, cmp.planarMaxAbsDiff(), 100 * cmp.planarRelative());
                    prof.put(f, Map.of("relative_l2", cmp.relativeL2(), "normalised_mae", cmp.normalisedMae(),
                            "planar_max_abs_diff", cmp.planarMaxAbsDiff(), "planar_relative", cmp.planarRelative()));
                }
                m.put("profile", Map.of("frame", profileFrame, "axis", axis, "fields", prof));
            }
            org.equidens.workflow.ModelDirectory.writeJson(out.resolve("metrics.json"), m);
            w.printf("wrote %s%n", out);
        }
        return 0;
    }
}
