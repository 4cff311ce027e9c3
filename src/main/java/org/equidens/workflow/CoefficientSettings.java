package org.equidens.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.LambdaSoapConfig;
import org.equidens.io.InputException;
import org.equidens.model.CoefficientOptions;

/**
 * A validated {@code task: density | response | salter} configuration (defaults filled in; every key
 * in docs/configuration.md). Shares the sections of {@link TrainConfig} with the tensor task
 * (descriptor, kernel, sparse, regression, split, output, threads) and adds {@code dataset},
 * {@code baseline} and {@code solver}. Everything is checked before any work: unknown keys are
 * rejected by the strict YAML reader, values out of range here, each as one line naming the key.
 *
 * @param task     density, response or salter
 * @param dataset  dataset folder (dataset.yaml) holding the target
 * @param options  model hyperparameters
 * @param train    learning-curve sizes, ascending; the model of the largest is written
 * @param test     test structures (0 = all not used for training at the largest size)
 * @param seed     seeds the training-set draw and the FPS starts
 * @param output   model directory
 * @param threads  cores (0 = all)
 * @param order    split.order: random (seeded permutation), file (dataset order) or fps (farthest-point
 *                 sampling of whole structures, first point seeded; the learning curve takes the first N)
 */
public record CoefficientSettings(Path config, String task, Path dataset, CoefficientOptions options, int[] train, int test, long seed,
                                  Path output, int threads, RealSpaceLoss realSpace, String order) {

    /**
     * {@code loss.kind: realspace} (task response): the loss is on response values at sampled grid
     * points ({@link org.equidens.realspace.RealSpaceTraining}). Points come from a grid-samples folder
     * ({@code samples}) or are drawn here from cube files ({@code cubes}, a pattern with {frame} and
     * {field}) with TS (+ LIFS).
     */
    public record RealSpaceLoss(Path samples, String cubes, boolean fullGrid, org.equidens.realspace.RealSpaceTraining.Sampling sampling, long seed, double ridge,
                                boolean anchorToCoefficients) {}

    /** Values of {@code split.order}. */
    public static final List<String> ORDERS = List.of("random", "file", "fps");

    /** The same settings with another {@code split.order} (random, file or fps). */
    public CoefficientSettings withOrder(String o) {
        if (!ORDERS.contains(o)) throw new IllegalArgumentException("order must be random, file or fps, got " + o);
        return new CoefficientSettings(config, task, dataset, options, train, test, seed, output, threads, realSpace, o);
    }

    public static CoefficientSettings load(Path file) {
        return of(TrainConfig.read(file), file);
    }

    public static CoefficientSettings of(TrainConfig c, Path file) {
        String task = c.taskName();
        if (!List.of("density", "response", "salter").contains(task)) throw bad(file, "task", "'" + c.task() + "' is not a coefficient task");
        for (String[] k : new String[][] {{"structures", String.valueOf(c.structures())}, {"target", String.valueOf(c.target())},
                {"tensor_rank", String.valueOf(c.tensorRank())}, {"symmetric", String.valueOf(c.symmetric())},
                {"streaming", String.valueOf(c.streaming())}, {"lode", String.valueOf(c.lode())}})
            if (!"null".equals(k[1])) throw bad(file, k[0], "only for task tensor (task " + task + " reads 'dataset')");
        if (c.committee() != null) throw bad(file, "committee", "not available for task " + task);
        if (c.baseline() != null && !"density".equals(task)) throw bad(file, "baseline", "only for task density (a response has no average)");
        Path base = file.toAbsolutePath().getParent();
        if (c.dataset() == null || c.dataset().isBlank()) throw bad(file, "dataset", "missing (a dataset folder with dataset.yaml)");
        Path dataset = base.resolve(c.dataset()).normalize();
        if (!Files.isRegularFile(dataset.resolve("dataset.yaml")) && !(Files.isRegularFile(dataset) && dataset.toString().endsWith(".yaml")))
            throw bad(file, "dataset", "no dataset.yaml at " + dataset);

        LambdaSoapConfig d = c.descriptor() == null ? LambdaSoapConfig.empty() : c.descriptor();
        if (d.lambdaMax() != null) throw bad(file, "descriptor.lambda_max", "set by the basis' l_max, remove it");
        if (d.parities() != null) throw bad(file, "descriptor.parities", "set by the task (the response needs both), remove it");
        if (d.normalisation() != null) throw bad(file, "descriptor.normalisation", "fixed by the model (SALTED's), remove it");
        LambdaSoap.Hypers hypers = c.descriptorHypers(file);
        double zeta = c.zeta(file);
        TrainConfig.Sparse sp = c.sparse();
        int m0 = sp == null || sp.m0() == null ? 100 : sp.m0();
        if (m0 < 1) throw bad(file, "sparse.m0", "must be >= 1, got " + m0);
        if (sp != null && sp.selection() != null && !sp.selection().strip().equalsIgnoreCase("fps"))
            throw bad(file, "sparse.selection", "only fps for task " + task);
        boolean decay = sp == null || sp.lambdaDecay() == null || sp.lambdaDecay();
        double cutoff = sp == null || sp.rkhsCutoff() == null ? 1e-10 : sp.rkhsCutoff();
        if (!(cutoff > 0 && cutoff < 1)) throw bad(file, "sparse.rkhs_cutoff", "must be in (0, 1), got " + cutoff);
        double eta = 1e-8;
        CoefficientOptions.EtaSearch search = null;
        if (c.regression() != null) {
            if (c.regression().eta() != null && c.regression().crossValidation() != null)
                throw bad(file, "regression", "give either eta or cross_validation, not both");
            if (c.regression().eta() != null) eta = c.regression().eta();
            if (!(eta > 0) || Double.isInfinite(eta)) throw bad(file, "regression.eta", "must be > 0, got " + eta);
            TrainConfig.CrossValidationSection cv = c.regression().crossValidation();
            if (cv != null) {
                if (c.loss() != null && c.loss().kind() != null && !"coefficients".equalsIgnoreCase(c.loss().kind().strip()))
                    throw bad(file, "regression.cross_validation", "only with the coefficient loss (loss.kind: coefficients)");
                int folds = cv.folds() == null ? 5 : cv.folds();
                if (folds < 2) throw bad(file, "regression.cross_validation.folds", "must be >= 2, got " + folds);
                List<Double> etas = cv.etas() == null ? List.of(1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6) : cv.etas();
                if (etas.isEmpty()) throw bad(file, "regression.cross_validation.etas", "empty list");
                double[] grid = new double[etas.size()];
                for (int i = 0; i < grid.length; i++) {
                    Double v = etas.get(i);
                    if (v == null || !(v > 0) || v.isInfinite()) throw bad(file, "regression.cross_validation.etas[" + i + "]", "must be > 0, got " + v);
                    grid[i] = v;
                }
                search = new CoefficientOptions.EtaSearch(grid, folds);
            }
        }
        TrainConfig.Solver so = c.solver();
        CoefficientOptions.Solver method = CoefficientOptions.Solver.AUTO;
        if (so != null && so.method() != null) {
            try {
                method = CoefficientOptions.Solver.valueOf(so.method().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad(file, "solver.method", "unknown value '" + so.method() + "' (known: auto, direct, cg)");
            }
        }
        double tol = so == null || so.cgTolerance() == null ? 1e-7 : so.cgTolerance();
        if (!(tol > 0 && tol < 1)) throw bad(file, "solver.cg_tolerance", "must be in (0, 1), got " + tol);
        int maxIt = so == null || so.cgMaxIterations() == null ? 5000 : so.cgMaxIterations();
        if (maxIt < 1) throw bad(file, "solver.cg_max_iterations", "must be >= 1, got " + maxIt);
        int directMax = so == null || so.directMaxDimension() == null ? CoefficientOptions.DIRECT_MAX_DIMENSION : so.directMaxDimension();
        if (directMax < 0 || directMax > 40000) throw bad(file, "solver.direct_max_dimension", "must be in 0..40000, got " + directMax);

        TrainConfig.Split s = c.split();
        if (s == null || s.train() == null || s.train().isEmpty()) throw bad(file, "split.train", "missing (a training-set size or a list of sizes)");
        if (s.pool() != null) throw bad(file, "split.pool", "not available for task " + task);
        String order = s.order() == null ? "random" : s.order().strip().toLowerCase(Locale.ROOT);
        if (!ORDERS.contains(order)) throw bad(file, "split.order", "unknown value '" + s.order() + "' (known: random, file, fps)");
        if (s.repeats() != null && s.repeats() != 1) throw bad(file, "split.repeats", "must be 1 for task " + task);
        int[] train = new int[s.train().size()];
        for (int i = 0; i < train.length; i++) {
            Integer n = s.train().get(i);
            if (n == null || n < 1) throw bad(file, "split.train[" + i + "]", "must be >= 1, got " + n);
            train[i] = n;
        }
        Arrays.sort(train);
        for (int i = 1; i < train.length; i++) if (train[i] == train[i - 1]) throw bad(file, "split.train", "size " + train[i] + " given twice");
        int test = s.test() == null ? 0 : s.test();
        if (test < 0) throw bad(file, "split.test", "must be >= 1 (or 0 = all remaining), got " + test);
        long seed = s.seed() == null ? 0L : s.seed();
        Path output = ModelDirectory.checkOutput(file, base, c.output());
        int threads = c.threads() == null ? 0 : c.threads();
        if (threads < 0) throw bad(file, "threads", "must be >= 0 (0 = all cores), got " + threads);
        boolean baseline = c.baseline() == null || c.baseline();
        CoefficientOptions o = new CoefficientOptions(hypers, zeta, eta, m0, decay, cutoff, method, directMax, tol, maxIt, baseline, seed, search);
        RealSpaceLoss rs = realSpace(c.loss(), file, base, task);
        return new CoefficientSettings(file, task, dataset, o, train, test, seed, output, threads, rs, order);
    }

    private static RealSpaceLoss realSpace(TrainConfig.Loss l, Path file, Path base, String task) {
        if (l == null) return null;
        String kind = l.kind() == null ? "coefficients" : l.kind().strip().toLowerCase(Locale.ROOT);
        if (!List.of("coefficients", "realspace").contains(kind)) throw bad(file, "loss.kind", "unknown value '" + l.kind() + "' (known: coefficients, realspace)");
        String[][] rsKeys = {{"samples", String.valueOf(l.samples())}, {"cubes", String.valueOf(l.cubes())}, {"points", String.valueOf(l.points())},
                {"pool", String.valueOf(l.pool())}, {"ts_sigma", String.valueOf(l.tsSigma())}, {"lifs_tolerance", String.valueOf(l.lifsTolerance())},
                {"seed", String.valueOf(l.seed())}, {"ridge", String.valueOf(l.ridge())}, {"full_grid", String.valueOf(l.fullGrid())}, {"anchor", String.valueOf(l.anchor())}};
        if (kind.equals("coefficients")) {
            for (String[] k : rsKeys) if (!"null".equals(k[1])) throw bad(file, "loss." + k[0], "only for loss.kind realspace");
            return null;
        }
        if (!"response".equals(task)) throw bad(file, "loss.kind", "realspace is available for task response only");
        if ((l.samples() == null) == (l.cubes() == null)) throw bad(file, "loss", "realspace needs exactly one of 'samples' (a grid-samples folder) and 'cubes' (a cube path pattern)");
        Path samples = null;
        String cubes = null;
        if (l.samples() != null) {
            samples = base.resolve(l.samples().strip()).normalize();
            if (!Files.isRegularFile(samples.resolve("frames.npy"))) throw bad(file, "loss.samples", "no grid-samples folder (frames.npy) at " + samples);
            for (String k : new String[] {"points", "pool", "ts_sigma", "lifs_tolerance", "seed", "full_grid"})
                for (String[] kv : rsKeys) if (kv[0].equals(k) && !"null".equals(kv[1])) throw bad(file, "loss." + k, "only with loss.cubes (the samples folder fixes the sampling)");
        } else {
            cubes = l.cubes().strip();
            if (!cubes.contains("{frame}") || !cubes.contains("{field}")) throw bad(file, "loss.cubes", "the pattern must contain {frame} and {field}, got '" + cubes + "'");
            if (!Path.of(cubes).isAbsolute()) cubes = base.resolve(cubes).normalize().toString();
        }
        int points = l.points() == null ? 200 : l.points();
        if (points < 1) throw bad(file, "loss.points", "must be >= 1, got " + points);
        int pool = l.pool() == null ? 5000 : l.pool();
        if (pool < points) throw bad(file, "loss.pool", "must be >= loss.points (" + points + "), got " + pool);
        double sigma = l.tsSigma() == null ? 0 : l.tsSigma();
        if (!(sigma >= 0) || Double.isInfinite(sigma)) throw bad(file, "loss.ts_sigma", "must be a finite number >= 0 (0 = auto), got " + sigma);
        double tol = l.lifsTolerance() == null ? 0.1 : l.lifsTolerance();
        if (!(tol == 0 || (tol > 0 && tol < 1))) throw bad(file, "loss.lifs_tolerance", "must be in (0, 1), or 0 for TS only, got " + tol);
        double ridge = l.ridge() == null ? org.equidens.realspace.RealSpaceTraining.DEFAULT_RIDGE : l.ridge();
        if (!(ridge >= 0) || Double.isInfinite(ridge)) throw bad(file, "loss.ridge", "must be a finite number >= 0, got " + ridge);
        long seed = l.seed() == null ? 0L : l.seed();
        boolean full = l.fullGrid() != null && l.fullGrid();
        String anchor = l.anchor() == null ? "none" : l.anchor().strip().toLowerCase(Locale.ROOT);
        if (!List.of("none", "coefficients").contains(anchor)) throw bad(file, "loss.anchor", "unknown value '" + l.anchor() + "' (known: none, coefficients)");
        if (full) for (String k : new String[] {"points", "pool", "ts_sigma", "lifs_tolerance", "seed"})
            for (String[] kv : rsKeys) if (kv[0].equals(k) && !"null".equals(kv[1])) throw bad(file, "loss." + k, "not used with loss.full_grid: true (every grid point counts)");
        return new RealSpaceLoss(samples, cubes, full, new org.equidens.realspace.RealSpaceTraining.Sampling(points, pool, sigma, tol), seed, ridge,
                anchor.equals("coefficients"));
    }

    /** Every setting under its YAML key, for model.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("dataset", dataset.toString());
        m.put("descriptor", LambdaSoapConfig.toMap(options.descriptor()));
        m.put("kernel", Map.of("zeta", options.zeta()));
        m.put("sparse", org.equidens.util.OrderedMaps.of("m0", options.sparsePerSpecies(), "selection", "fps", "lambda_decay", options.decay(), "rkhs_cutoff", options.eigenvalueCutoff()));
        m.put("regression", options.etaSearch() == null ? Map.of("eta", options.eta())
                : org.equidens.util.OrderedMaps.of("cross_validation", org.equidens.util.OrderedMaps.of("folds", options.etaSearch().folds(), "etas",
                        options.etaSearch().etas())));
        m.put("solver", org.equidens.util.OrderedMaps.of("method", options.solver().name().toLowerCase(Locale.ROOT), "cg_tolerance", options.cgTolerance(),
                "cg_max_iterations", options.cgMaxIterations(), "direct_max_dimension", options.directMaxDimension()));
        if ("density".equals(task)) m.put("baseline", options.baseline());
        if (realSpace != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("kind", "realspace");
            if (realSpace.samples() != null) l.put("samples", realSpace.samples().toString());
            else if (realSpace.fullGrid()) {
                l.put("cubes", realSpace.cubes());
                l.put("full_grid", true);
            } else {
                l.put("cubes", realSpace.cubes());
                l.put("points", realSpace.sampling().points());
                l.put("pool", realSpace.sampling().pool());
                l.put("ts_sigma", realSpace.sampling().sigma());
                l.put("lifs_tolerance", realSpace.sampling().lifsTolerance());
                l.put("seed", realSpace.seed());
            }
            l.put("ridge", realSpace.ridge());
            l.put("anchor", realSpace.anchorToCoefficients() ? "coefficients" : "none");
            m.put("loss", l);
        }
        List<Integer> t = new ArrayList<>();
        for (int n : train) t.add(n);
        m.put("split", org.equidens.util.OrderedMaps.of("train", t, "test", test, "seed", seed, "order", order));
        m.put("output", output.toString());
        m.put("threads", threads);
        return m;
    }

    private static InputException bad(Path file, String key, String problem) {
        return ModelDirectory.badKey(file, key, problem);
    }
}
