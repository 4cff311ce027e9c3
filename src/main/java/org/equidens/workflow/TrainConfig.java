package org.equidens.workflow;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.LambdaSoapConfig;
import org.equidens.io.InputException;
import org.equidens.io.Yaml;

/**
 * The YAML of one {@code equidens train} run, as written by the user (every key documented in
 * docs/configuration.md). {@code task} selects what is trained; this record holds the keys of
 * {@code task: tensor} (SA-GPR of Cartesian tensors) and the shared ones, so other tasks can add
 * their own sections next to them. Reading is strict: an unknown key or a wrong type is a one-line
 * {@link InputException} naming the file and key; {@link TensorSettings#of} then checks ranges and
 * cross-key rules, still before any work.
 */
public record TrainConfig(
        @JsonProperty("task") String task,
        @JsonProperty("structures") String structures,
        @JsonProperty("target") String target,
        @JsonProperty("tensor_rank") Integer tensorRank,
        @JsonProperty("symmetric") Boolean symmetric,
        @JsonProperty("descriptor") LambdaSoapConfig descriptor,
        @JsonProperty("kernel") Kernel kernel,
        @JsonProperty("sparse") Sparse sparse,
        @JsonProperty("regression") Regression regression,
        @JsonProperty("split") Split split,
        @JsonProperty("committee") CommitteeSection committee,
        @JsonProperty("output") String output,
        @JsonProperty("threads") Integer threads,
        @JsonProperty("streaming") Boolean streaming,
        @JsonProperty("dataset") String dataset,
        @JsonProperty("baseline") Boolean baseline,
        @JsonProperty("solver") Solver solver,
        @JsonProperty("loss") Loss loss,
        @JsonProperty("lode") org.equidens.descriptor.LodeConfig lode) {

    /** {@code loss:} section (task response): coefficients (default) or sampled grid values. */
    public record Loss(@JsonProperty("kind") String kind,
                       @JsonProperty("samples") String samples,
                       @JsonProperty("cubes") String cubes,
                       @JsonProperty("points") Integer points,
                       @JsonProperty("pool") Integer pool,
                       @JsonProperty("ts_sigma") Double tsSigma,
                       @JsonProperty("lifs_tolerance") Double lifsTolerance,
                       @JsonProperty("seed") Long seed,
                       @JsonProperty("ridge") Double ridge,
                       @JsonProperty("full_grid") Boolean fullGrid,
                       @JsonProperty("anchor") String anchor) {}

    /** Tasks {@code train} knows. */
    public static final List<String> TASKS = List.of("tensor", "density", "response", "salter");

    /** {@code solver:} section (tasks density, response, salter). */
    public record Solver(@JsonProperty("method") String method,
                         @JsonProperty("cg_tolerance") Double cgTolerance,
                         @JsonProperty("cg_max_iterations") Integer cgMaxIterations,
                         @JsonProperty("direct_max_dimension") Integer directMaxDimension) {}

    /** {@code kernel:} section. */
    public record Kernel(@JsonProperty("zeta") Double zeta) {}

    /** {@code sparse:} section. */
    public record Sparse(@JsonProperty("m0") Integer m0,
                         @JsonProperty("selection") String selection,
                         @JsonProperty("lambda_decay") Boolean lambdaDecay,
                         @JsonProperty("rkhs_cutoff") Double rkhsCutoff) {}

    /** {@code regression:} section: a fixed η or a cross-validated one. */
    public record Regression(@JsonProperty("eta") Double eta,
                             @JsonProperty("cross_validation") CrossValidationSection crossValidation) {}

    /** {@code regression.cross_validation:} section. */
    public record CrossValidationSection(@JsonProperty("folds") Integer folds,
                                         @JsonProperty("etas") List<Double> etas) {}

    /** {@code split:} section. */
    public record Split(@JsonProperty("train") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> train,
                        @JsonProperty("test") Integer test,
                        @JsonProperty("pool") Integer pool,
                        @JsonProperty("repeats") Integer repeats,
                        @JsonProperty("seed") Long seed,
                        @JsonProperty("order") String order) {}

    /** {@code committee:} section. */
    public record CommitteeSection(@JsonProperty("members") Integer members,
                                   @JsonProperty("subsample") Double subsample,
                                   @JsonProperty("calibration") Double calibration,
                                   @JsonProperty("calibration_method") String calibrationMethod) {}

    /** Strict read; the task is checked here so a density config never half-parses as a tensor one. */
    public static TrainConfig read(Path file) {
        TrainConfig c = Yaml.read(file, TrainConfig.class);
        if (c.task == null) throw InputException.at(file, "key 'task': missing (known tasks: " + String.join(", ", TASKS) + ")");
        if (!TASKS.contains(c.task.strip().toLowerCase(Locale.ROOT)))
            throw InputException.at(file, "key 'task': unknown task '" + c.task + "' (known tasks: " + String.join(", ", TASKS) + ")");
        return c;
    }

    /** The task, lower case. */
    public String taskName() {
        return task.strip().toLowerCase(Locale.ROOT);
    }

    /** The descriptor section as λ-SOAP hypers; its errors name the key as {@code descriptor.KEY}. */
    LambdaSoap.Hypers descriptorHypers(Path file) {
        LambdaSoapConfig d = descriptor == null ? LambdaSoapConfig.empty() : descriptor;
        try {
            return d.toHypers(file);
        } catch (InputException e) {
            throw new InputException(e.getMessage().replaceFirst("key '", "key 'descriptor."));
        }
    }

    /** {@code kernel.zeta}, default 2, checked to be a finite number ≥ 1. */
    double zeta(Path file) {
        double zeta = kernel == null || kernel.zeta() == null ? 2.0 : kernel.zeta();
        if (!(zeta >= 1) || Double.isInfinite(zeta)) throw ModelDirectory.badKey(file, "kernel.zeta", "must be a finite number >= 1, got " + zeta);
        return zeta;
    }
}
