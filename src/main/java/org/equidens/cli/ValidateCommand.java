package org.equidens.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.io.Plots;
import org.equidens.model.CoefficientMetrics;
import org.equidens.model.CoefficientModel;
import org.equidens.model.CoefficientModelFiles;
import org.equidens.model.ResponseBenchmark;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;
import org.equidens.workflow.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Validates a density / response / SALTER model on a dataset with SALTED's metrics: per-structure
 * and overall % RMSE in the overlap metric and, for responses, α from the predicted coefficients
 * against the dataset's {@code alpha} and {@code alpha_df}; writes OUT/metrics.json, the parity plot
 * of the coefficients, the histogram of per-structure errors and, for responses, OUT/alpha_parity.png.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate a density / response model on a dataset: %% RMSE (overlap metric), α errors (bohr³),",
                "per-structure errors; writes OUT/metrics.json, OUT/coefficient_parity.png, OUT/error_histogram.png and,",
                "for responses, OUT/alpha_parity.png."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (train or demo output).")
    Path model;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset folder with dataset.yaml.")
    Path dataset;

    @Option(names = "--indices", paramLabel = "LIST", description = "Structures, e.g. 0-99,250 (default: all not used in training).")
    String indices;

    @Option(names = "--out", defaultValue = "validation", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--neutralise", description = "Make each predicted ρ1_k integrate to zero (minimal overlap-norm change) before α; reported.")
    boolean neutralise;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        org.equidens.io.AtomicFiles.checkFolder(out); // before any work: a folder above it may be a file
        String task = CoefficientModelFiles.task(model);
        if (!CoefficientModelFiles.isCoefficientModel(model))
            throw InputException.at(model, "task '" + task + "': not a density / response / SALTER model (validate does not handle tensor models)");
        CoefficientModelFiles.Loaded loaded = CoefficientModelFiles.read(model);
        CoefficientModel m = loaded.model();
        Dataset d = Dataset.load(dataset);
        String target = "density".equals(loaded.task()) ? "density" : "response";
        if (!d.hasTarget(target)) throw InputException.at(d.yaml(), "a " + loaded.task() + " model needs a '" + target + "' target");
        int[] idx = selection(loaded, d);
        List<Atoms> atoms = new ArrayList<>();
        for (int i : idx) {
            Atoms a = d.structures().get(i);
            try {
                m.checkSpecies(a, "structure " + i);
            } catch (InputException e) {
                throw InputException.at(d.yaml(), e.getMessage());
            }
            if (m.coefficientCount(a) != Dataset.functionCount(d.basis(), a))
                throw InputException.at(d.yaml(), "structure " + i + ": the model's basis " + m.basis().name() + " and the dataset's " + d.basis().name() + " differ");
            atoms.add(a);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) throw InputException.at(out, "--out exists and is not a folder");
        Threads.configureForStructures(run.threads());
        long t0 = System.nanoTime();
        int rows = m.outputs();
        double[] all = d.coefficients(target).data();
        int nc = d.targets().get(target).shape()[rows == 1 ? 1 : 2];
        List<double[]> ref = new ArrayList<>();
        for (int i : idx) ref.add(java.util.Arrays.copyOfRange(all, i * rows * nc, (i + 1) * rows * nc));
        List<double[]> pred;
        try {
            pred = m.predict(atoms);
        } catch (InputException e) {
            throw InputException.inStructures(d.yaml(), e, idx);
        }
        List<double[]> base = null;
        if (rows == 1) {
            base = new ArrayList<>();
            for (Atoms a : atoms) base.add(m.baselineVector(a));
        }
        CoefficientMetrics.PerStructure[] ps = CoefficientMetrics.compute(atoms, d.basis(), pred, ref, base, rows, rows == 3, neutralise);
        CoefficientMetrics.Summary sum = CoefficientMetrics.summary(ps);
        double sec = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("task", loaded.task());
        j.put("structures", idx.length);
        j.put("rmse_percent", sum.rmsePercent());
        j.put("mean_percent", sum.meanPercent());
        j.put("max_percent", sum.maxPercent());
        j.put("neutralised", neutralise);
        stdout.printf("%s model on %d structures of %s: %% RMSE %.4f (mean %.4f, max %.4f)%n", loaded.task(), idx.length, d.name(),
                sum.rmsePercent(), sum.meanPercent(), sum.maxPercent());
        List<double[]> alpha = ResponseBenchmark.reference(d, "alpha", idx), alphaDf = ResponseBenchmark.reference(d, "alpha_df", idx);
        if (rows == 3) {
            double a = CoefficientMetrics.alphaRmse(ps, alpha), adf = CoefficientMetrics.alphaRmse(ps, alphaDf), qmax = 0;
            for (CoefficientMetrics.PerStructure p : ps) for (double q : p.chargePredicted()) qmax = Math.max(qmax, Math.abs(q));
            j.put("alpha_rmse_bohr3", a);
            j.put("alpha_df_rmse_bohr3", adf);
            j.put("max_response_charge", qmax);
            stdout.printf("α RMSE %.4f bohr³ vs alpha, %.4f bohr³ vs alpha_df; max |∫ρ1_k| of predictions %.1e%s%n", a, adf, qmax,
                    neutralise ? " (α after the neutrality correction)" : "");
        }
        j.put("seconds", sec);
        List<Map<String, Object>> per = new ArrayList<>();
        for (int t = 0; t < idx.length; t++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("structure", idx[t]);
            e.put("percent", ps[t].percent());
            e.put("error", ps[t].error());
            e.put("variance", ps[t].variance());
            if (rows == 3) {
                e.put("alpha", ps[t].alphaPredicted());
                e.put("response_charge", ps[t].chargePredicted());
            }
            per.add(e);
        }
        j.put("per_structure", per);
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw InputException.at(out, "cannot create: " + e.getMessage());
        }
        ModelDirectory.writeJson(out.resolve("metrics.json"), j);
        org.equidens.workflow.CoefficientPlots.write(out, loaded.task() + " model on " + d.name(), atoms, d.basis(), pred, ref, rows, ps,
                rows == 3 ? alpha : null);
        stdout.printf("wrote %s  [%.1f s]%n", out.resolve("metrics.json"), sec);
        return 0;
    }

    private int[] selection(CoefficientModelFiles.Loaded loaded, Dataset d) {
        TreeSet<Integer> set = new TreeSet<>();
        if (indices == null) {
            TreeSet<Integer> used = new TreeSet<>();
            for (var v : loaded.json().path("training_structures")) used.add(v.asInt());
            for (int i = 0; i < d.size(); i++) if (!used.contains(i)) set.add(i);
        } else {
            for (String part : indices.split(",")) {
                String p = part.strip();
                try {
                    if (p.contains("-")) {
                        String[] ab = p.split("-", 2);
                        int a = Integer.parseInt(ab[0].strip()), b = Integer.parseInt(ab[1].strip());
                        if (a > b) throw new InputException("--indices: empty range '" + p + "'");
                        for (int i = a; i <= b; i++) set.add(i);
                    } else set.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new InputException("--indices: cannot read '" + p + "' (expected e.g. 0-99,250)");
                }
            }
        }
        if (set.isEmpty()) throw new InputException("--indices: no structures selected");
        if (set.first() < 0 || set.last() >= d.size())
            throw new InputException("--indices: structures must lie in 0.." + (d.size() - 1) + ", got " + (set.first() < 0 ? set.first() : set.last()));
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
