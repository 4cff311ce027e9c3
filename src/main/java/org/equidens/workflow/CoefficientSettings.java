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
 */
public record CoefficientSettings(Path config, String task, Path dataset, CoefficientOptions options, int[] train, int test, long seed,
                                  Path output, int threads) {

    public static CoefficientSettings load(Path file) {
        return of(TrainConfig.read(file), file);
    }

    public static CoefficientSettings of(TrainConfig c, Path file) {
        String task = c.taskName();
        if (!List.of("density", "response", "salter").contains(task)) throw bad(file, "task", "'" + c.task() + "' is not a coefficient task");
        for (String[] k : new String[][] {{"structures", String.valueOf(c.structures())}, {"target", String.valueOf(c.target())},
                {"tensor_rank", String.valueOf(c.tensorRank())}, {"symmetric", String.valueOf(c.symmetric())},
                {"streaming", String.valueOf(c.streaming())}})
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
        if (c.regression() != null) {
            if (c.regression().crossValidation() != null) throw bad(file, "regression.cross_validation", "not available for task " + task + "; give eta");
            if (c.regression().eta() != null) eta = c.regression().eta();
            if (!(eta > 0) || Double.isInfinite(eta)) throw bad(file, "regression.eta", "must be > 0, got " + eta);
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
        int directMax = so == null || so.directMaxDimension() == null ? 4000 : so.directMaxDimension();
        if (directMax < 0 || directMax > 40000) throw bad(file, "solver.direct_max_dimension", "must be in 0..40000, got " + directMax);

        TrainConfig.Split s = c.split();
        if (s == null || s.train() == null || s.train().isEmpty()) throw bad(file, "split.train", "missing (a training-set size or a list of sizes)");
        if (s.pool() != null) throw bad(file, "split.pool", "not available for task " + task);
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
        CoefficientOptions o = new CoefficientOptions(hypers, zeta, eta, m0, decay, cutoff, method, directMax, tol, maxIt, baseline, seed);
        return new CoefficientSettings(file, task, dataset, o, train, test, seed, output, threads);
    }

    /** Every setting under its YAML key, for model.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("dataset", dataset.toString());
        m.put("descriptor", LambdaSoapConfig.toMap(options.descriptor()));
        m.put("kernel", Map.of("zeta", options.zeta()));
        m.put("sparse", Map.of("m0", options.sparsePerSpecies(), "selection", "fps", "lambda_decay", options.decay(), "rkhs_cutoff", options.eigenvalueCutoff()));
        m.put("regression", Map.of("eta", options.eta()));
        m.put("solver", Map.of("method", options.solver().name().toLowerCase(Locale.ROOT), "cg_tolerance", options.cgTolerance(),
                "cg_max_iterations", options.cgMaxIterations(), "direct_max_dimension", options.directMaxDimension()));
        if ("density".equals(task)) m.put("baseline", options.baseline());
        List<Integer> t = new ArrayList<>();
        for (int n : train) t.add(n);
        m.put("split", Map.of("train", t, "test", test, "seed", seed));
        m.put("output", output.toString());
        m.put("threads", threads);
        return m;
    }

    private static InputException bad(Path file, String key, String problem) {
        return ModelDirectory.badKey(file, key, problem);
    }
}
