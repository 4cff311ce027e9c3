package org.equidens.workflow;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.io.Plots;
import org.equidens.kernel.SparseSelection;
import org.equidens.model.CoefficientMetrics;
import org.equidens.model.CoefficientModel;
import org.equidens.model.CoefficientModelFiles;
import org.equidens.model.CoefficientOptions;
import org.equidens.model.DensityModel;
import org.equidens.model.ResponseBenchmark;
import org.equidens.model.ResponseModel;
import org.equidens.model.SalterModel;
import org.equidens.realspace.GridSamples;
import org.equidens.realspace.RealSpaceTraining;
import org.equidens.structure.Atoms;
import org.equidens.util.Progress;

/**
 * {@code equidens train} for tasks density, response and salter: a learning curve over the
 * configured training sizes (first N of one seeded permutation of the dataset), all evaluated on the
 * same test set (structures after the largest N, or the first {@code split.test} of them), then the
 * model of the largest size is written with metrics.json and learning_curve.png.
 */
public final class CoefficientRun {
    private CoefficientRun() {}

    /** One learning-curve point (α errors NaN for the density). */
    /** One learning-curve point; eta is the regulariser used (chosen by cross-validation if asked). */
    public record CurvePoint(int train, int test, double rmsePercent, double alphaRmse, double alphaDfRmse, double trainSeconds, double eta) {}

    /** The dataset, checked against the settings before any work. */
    public static Dataset read(CoefficientSettings s) {
        Dataset d = Dataset.load(s.dataset());
        String target = target(s.task());
        if (!d.hasTarget(target)) throw InputException.at(d.yaml(), "task " + s.task() + " needs a '" + target + "' target (has " + d.targets().keySet() + ")");
        int largest = s.train()[s.train().length - 1];
        if (largest >= d.size()) throw InputException.at(s.config(), "key 'split.train': " + largest + " leaves no test structures of " + d.size());
        if (s.test() > d.size() - largest) throw InputException.at(s.config(), "key 'split.test': only " + (d.size() - largest) + " structures remain");
        return d;
    }

    /**
     * The order in which the learning curve takes training structures (the first N) and after which
     * the test structures follow: a seeded permutation, the dataset's order, or farthest-point sampling
     * of whole structures on their per-species mean normalised λ=0 λ-SOAP (so that the first N cover
     * the dataset's range of geometries; first point seeded).
     */
    static int[] order(CoefficientSettings s, Dataset d) {
        int n = d.size();
        switch (s.order()) {
            case "file":
                return java.util.stream.IntStream.range(0, n).toArray();
            case "fps": {
                java.util.TreeSet<Integer> zs = new java.util.TreeSet<>();
                for (Atoms a : d.structures()) for (int i = 0; i < a.size(); i++) zs.add(a.atomicNumber(i));
                int[] species = zs.stream().mapToInt(Integer::intValue).toArray();
                org.equidens.descriptor.LambdaSoap.Hypers h = s.options().descriptor();
                // the models' own normalised λ=0 features (every atom a centre), neighbour species fixed
                org.equidens.model.CoefficientFeatures scalar = new org.equidens.model.CoefficientFeatures(new org.equidens.descriptor.LambdaSoap.Hypers(
                        h.expansion().withSpecies(species), 0, h.parities(), h.normalisation(), h.pairs()), org.equidens.model.CoefficientFeatures.Kind.DENSITY, 0);
                double[][] rows = new double[n][];
                org.equidens.util.Threads.parallelFor(0, n, k -> {
                    Atoms a = d.structures().get(k);
                    org.equidens.kernel.EquivariantFeatures x = scalar.scalar(a, k);
                    int f = x.features();
                    double[] mean = new double[species.length * f];
                    int[] count = new int[species.length];
                    for (int i = 0; i < x.samples(); i++) {
                        int z = Arrays.binarySearch(species, a.atomicNumber(i));
                        for (int p = 0; p < f; p++) mean[z * f + p] += x.data()[i * f + p];
                        count[z]++;
                    }
                    for (int z = 0; z < species.length; z++) for (int p = 0; p < f; p++) if (count[z] > 0) mean[z * f + p] /= count[z];
                    rows[k] = mean;
                });
                int width = rows[0].length;
                double[] x = new double[n * width];
                for (int k = 0; k < n; k++) System.arraycopy(rows[k], 0, x, k * width, width);
                int first = SparseSelection.random(n, 1, s.seed()).indices()[0];
                return SparseSelection.farthestPoint(x, n, width, n, first).indices();
            }
            default:
                return SparseSelection.random(n, n, s.seed()).indices();
        }
    }

    static String target(String task) {
        return "density".equals(task) ? "density" : "response";
    }

    /**
     * SHA-256 of what a coefficient model was trained on: its training structures (indices into the
     * dataset) and the dataset's description, structures and target arrays, for model.json.
     */
    public static String trainingData(Dataset d, String task, int[] training) {
        return TrainingCheckpoint.fingerprint(Arrays.toString(training), d.yaml(), d.structuresFile(), d.targets().get(target(task)).file());
    }

    /** Trains the curve and writes the final model; returns the curve. */
    public static List<CurvePoint> run(CoefficientSettings s, Dataset d, String configText, PrintWriter out) {
        return run(s, d, configText, out, null);
    }

    /**
     * As above, with a restart state (null: none): finished curve points are taken from it, PCG solves
     * save and resume through it, and it is removed once the model is written.
     */
    public static List<CurvePoint> run(CoefficientSettings s, Dataset d, String configText, PrintWriter out, TrainingCheckpoint checkpoint) {
        int n = d.size();
        int[] perm = order(s, d);
        int largest = s.train()[s.train().length - 1];
        int[] test = Arrays.copyOfRange(perm, largest, s.test() == 0 ? n : largest + s.test());
        String target = target(s.task());
        double[] all = d.coefficients(target).data();
        int rows = "density".equals(target) ? 1 : 3;
        int nc = d.targets().get(target).shape()[rows == 1 ? 1 : 2];
        List<Atoms> testAtoms = new ArrayList<>();
        List<double[]> testRef = new ArrayList<>();
        for (int i : test) {
            testAtoms.add(d.structures().get(i));
            testRef.add(Arrays.copyOfRange(all, i * rows * nc, (i + 1) * rows * nc));
        }
        List<double[]> alpha = ResponseBenchmark.reference(d, "alpha", test), alphaDf = ResponseBenchmark.reference(d, "alpha_df", test);
        List<CurvePoint> curve = new ArrayList<>();
        Map<Integer, RealSpaceTraining.Data> pointCache = new java.util.HashMap<>();
        if (s.realSpace() != null && s.realSpace().samples() != null) pointCache.putAll(GridSamples.read(s.realSpace().samples()));
        CoefficientModel last = null;
        CoefficientMetrics.PerStructure[] lastMetrics = null;
        List<double[]> lastPred = null;
        Progress.Task curveBar = Progress.task("learning curve", s.train().length);
        for (int si = 0; si < s.train().length; si++) {
            int size = s.train()[si];
            // the largest size is always trained: its model is the one written
            String step = "N" + size;
            boolean finalSize = si == s.train().length - 1;
            com.fasterxml.jackson.databind.JsonNode done = checkpoint == null || finalSize ? null : checkpoint.record(step);
            if (done != null) {
                CurvePoint p = new CurvePoint(size, done.get("test").asInt(), done.get("rmse_percent").asDouble(),
                        done.get("alpha_rmse").asDouble(Double.NaN), done.get("alpha_df_rmse").asDouble(Double.NaN), done.get("train_seconds").asDouble(),
                        done.get("eta").asDouble(s.options().eta()));
                curve.add(p);
                out.printf("train %s, N = %d: finished before (checkpoint), %% RMSE %.4f%n", s.task(), size, p.rmsePercent());
                curveBar.step();
                continue;
            }
            long t0 = System.nanoTime();
            List<Atoms> tr = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                tr.add(d.structures().get(perm[k]));
                ys.add(Arrays.copyOfRange(all, perm[k] * rows * nc, (perm[k] + 1) * rows * nc));
            }
            out.printf("train %s, N = %d:%n", s.task(), size);
            CoefficientModel m;
            try {
                m = s.realSpace() != null ? trainRealSpace(s, d, perm, size, tr, s.realSpace().anchorToCoefficients() ? ys : null, pointCache, out)
                        : train(s.task(), tr, ys, d, s.options(), out, checkpoint == null ? null : checkpoint.solver(step));
            } catch (InputException e) {
                throw InputException.inStructures(d.yaml(), e, perm);
            }
            double sec = (System.nanoTime() - t0) * 1e-9;
            List<double[]> pred;
            try {
                pred = m.predict(testAtoms);
            } catch (InputException e) {
                throw InputException.inStructures(d.yaml(), e, test);
            }
            List<double[]> baselines = null;
            if (rows == 1) {
                baselines = new ArrayList<>();
                for (Atoms a : testAtoms) baselines.add(m.baselineVector(a));
            }
            CoefficientMetrics.PerStructure[] ps = CoefficientMetrics.compute(testAtoms, d.basis(), pred, testRef, baselines, rows, rows == 3, false);
            CurvePoint p = new CurvePoint(size, test.length, CoefficientMetrics.summary(ps).rmsePercent(),
                    rows == 3 ? CoefficientMetrics.alphaRmse(ps, alpha) : Double.NaN, rows == 3 ? CoefficientMetrics.alphaRmse(ps, alphaDf) : Double.NaN, sec, m.options().eta());
            curve.add(p);
            out.printf("  test %d: %% RMSE %.4f%s  [%.1f s]%n", test.length, p.rmsePercent(),
                    rows == 3 ? String.format(", α RMSE %.4f bohr³ (vs alpha_df %.4f)", p.alphaRmse(), p.alphaDfRmse()) : "", sec);
            last = m;
            lastMetrics = ps;
            lastPred = pred;
            if (checkpoint != null && !finalSize) {
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("test", p.test());
                rec.put("rmse_percent", p.rmsePercent());
                if (rows == 3) {
                    rec.put("alpha_rmse", p.alphaRmse());
                    rec.put("alpha_df_rmse", p.alphaDfRmse());
                }
                rec.put("train_seconds", p.trainSeconds());
                rec.put("eta", p.eta());
                checkpoint.record(step, rec);
            }
            curveBar.step();
        }
        curveBar.close();
        CoefficientModel model = last;
        CoefficientMetrics.PerStructure[] fm = lastMetrics;
        List<double[]> fp = lastPred;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("equidens_version", org.equidens.cli.Main.version());
        extra.put("settings", s.toMap());
        extra.put("training_structures", Arrays.copyOf(perm, largest));
        extra.put("training_data", trainingData(d, s.task(), Arrays.copyOf(perm, largest)));
        CoefficientModelFiles.write(model, d.mOrder(), extra, s.output(), dir -> {
            Map<String, Object> metrics = new LinkedHashMap<>();
            CurvePoint f = curve.get(curve.size() - 1);
            metrics.put("task", s.task());
            metrics.put("train", f.train());
            metrics.put("test", f.test());
            metrics.put("rmse_percent", f.rmsePercent());
            if (rows == 3) {
                metrics.put("alpha_rmse_bohr3", f.alphaRmse());
                metrics.put("alpha_df_rmse_bohr3", f.alphaDfRmse());
            }
            List<Map<String, Object>> c = new ArrayList<>();
            for (CurvePoint p : curve)
                c.add(org.equidens.util.OrderedMaps.of("train", p.train(), "test", p.test(), "rmse_percent", p.rmsePercent(), "train_seconds", p.trainSeconds(),
                        "eta", p.eta()));
            metrics.put("learning_curve", c);
            metrics.put("eta", model.options().eta());
            if (!model.etaCrossValidation().isEmpty()) {
                List<Map<String, Object>> cv = new ArrayList<>();
                for (double[] row : model.etaCrossValidation()) cv.add(org.equidens.util.OrderedMaps.of("eta", row[0], "held_out_rmse_percent", row[1]));
                metrics.put("eta_cross_validation", cv);
            }
            List<Map<String, Object>> per = new ArrayList<>();
            for (int t = 0; t < test.length; t++) per.add(org.equidens.util.OrderedMaps.of("structure", test[t], "percent", fm[t].percent()));
            metrics.put("per_structure", per);
            ModelDirectory.writeJson(dir.resolve("metrics.json"), metrics);
            if (configText != null)
                org.equidens.io.AtomicFiles.write(dir.resolve("config.yaml"), o -> o.write(configText.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            CoefficientPlots.write(dir, s.task() + ", N = " + largest + ", test set", testAtoms, d.basis(), fp, testRef, rows, fm, rows == 3 ? alpha : null);
            if (curve.size() > 1) {
                double[] x = new double[curve.size()], y = new double[curve.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = curve.get(i).train();
                    y[i] = curve.get(i).rmsePercent();
                }
                Plots.learningCurve(dir.resolve("learning_curve.png"), s.task() + ", " + d.name(), "% RMSE", List.of(new Plots.Series(s.task(), x, y)));
            }
        });
        if (checkpoint != null) checkpoint.finish();
        out.printf("wrote %s%n", s.output());
        return curve;
    }

    /**
     * {@code loss.kind: realspace}: the response model trained on sampled grid values of the first
     * {@code size} structures of {@code perm}, from the samples folder or drawn from their cubes (kept in
     * {@code cache} for the next curve size).
     */
    static CoefficientModel trainRealSpace(CoefficientSettings s, Dataset d, int[] perm, int size, List<Atoms> tr, List<double[]> anchors,
                                           Map<Integer, RealSpaceTraining.Data> cache, PrintWriter out) {
        CoefficientSettings.RealSpaceLoss rs = s.realSpace();
        List<RealSpaceTraining.Data> samples = new ArrayList<>();
        int[] missing = java.util.stream.IntStream.range(0, size).filter(k -> !cache.containsKey(perm[k])).toArray();
        if (rs.samples() != null && missing.length > 0)
            throw InputException.at(s.config(), "key 'loss.samples': " + rs.samples() + " has no points for training structure " + perm[missing[0]]
                    + " (" + missing.length + " of the " + size + " training structures are missing)");
        if (missing.length > 0) {
            long t0 = System.nanoTime();
            RealSpaceTraining.Data[] got = new RealSpaceTraining.Data[missing.length];
            org.equidens.util.Threads.parallelFor(0, missing.length, i -> {
                int f = perm[missing[i]];
                var fields = GridSamples.readCubes(rs.cubes(), f, d.structures().get(f));
                got[i] = rs.fullGrid() ? RealSpaceTraining.Projection.of(d.structures().get(f), d.basis(), fields)
                        : RealSpaceTraining.sample(d.structures().get(f), d.basis(), fields, rs.sampling(), RealSpaceTraining.frameSeed(rs.seed(), f));
            });
            for (int i = 0; i < missing.length; i++) cache.put(perm[missing[i]], got[i]);
            out.printf("  %s %d molecules' cubes  [%.1f s]%n", rs.fullGrid() ? "projected the whole grids of" : rs.sampling().lifsTolerance() > 0 ? "TS + LIFS sampled" : "TS sampled", missing.length,
                    (System.nanoTime() - t0) * 1e-9);
        }
        for (int k = 0; k < size; k++) samples.add(cache.get(perm[k]));
        return RealSpaceTraining.train(tr, samples, anchors, d.basis(), s.options(), rs.ridge(), out).model().model();
    }

    static CoefficientModel train(String task, List<Atoms> tr, List<double[]> ys, Dataset d, CoefficientOptions o, PrintWriter out,
                                  org.equidens.model.CgCheckpoint cg) {
        return switch (task) {
            case "density" -> DensityModel.train(tr, ys, d.basis(), o, out, cg).model();
            case "response" -> ResponseModel.train(tr, ys, d.basis(), o, out, cg).model();
            default -> SalterModel.train(tr, ys, d.basis(), o, out, cg).model();
        };
    }

    /**
     * SHA-256 of the settings (threads aside: they do not change the result) and of the data files,
     * with a real-space loss also every file of its samples folder (cubes named by a pattern are not
     * read: too large; their pattern is part of the settings).
     */
    public static String fingerprint(CoefficientSettings s, Dataset d) {
        List<Path> files = new ArrayList<>(List.of(d.yaml(), d.structuresFile(), d.targets().get(target(s.task())).file()));
        if (s.realSpace() != null && s.realSpace().samples() != null) {
            try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(s.realSpace().samples())) {
                walk.filter(java.nio.file.Files::isRegularFile).sorted().forEach(files::add);
            } catch (java.io.IOException e) {
                throw InputException.at(s.realSpace().samples(), "cannot list: " + e.getMessage());
            }
        }
        return TrainingCheckpoint.fingerprint(s.toMap(), files.toArray(Path[]::new));
    }
}
