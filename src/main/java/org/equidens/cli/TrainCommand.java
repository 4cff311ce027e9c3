package org.equidens.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.equidens.io.AtomicFiles;
import org.equidens.io.InputException;
import org.equidens.workflow.ModelDirectory;
import org.equidens.workflow.TensorSettings;
import org.equidens.workflow.TensorTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Trains a model from one YAML config (see docs/configuration.md); a thin layer over {@link TensorTraining}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model from CONFIG.yaml (task: tensor = SA-GPR of a Cartesian tensor; density, response,",
                "salter = coefficient models of a dataset's density / field response): learning curve over",
                "seeded random splits, then the model of the largest training size is written atomically to the",
                "output directory with metrics.json and learning_curve.png."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "Run configuration.")
    Path config;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @picocli.CommandLine.Option(names = "--resume", description = "Continue a killed run from OUTPUT.checkpoint (same config and data only).")
    boolean resume;

    @picocli.CommandLine.Option(names = "--checkpoint-every", paramLabel = "SECONDS", defaultValue = "60",
            description = "Save the PCG state at most this often (default: ${DEFAULT-VALUE}; 0 = every iteration).")
    double checkpointEvery;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!(checkpointEvery >= 0)) throw new InputException("--checkpoint-every: must be >= 0 seconds, got " + checkpointEvery);
        org.equidens.workflow.TrainConfig tc = org.equidens.workflow.TrainConfig.read(config);
        String configText;
        try {
            configText = Files.readString(config);
        } catch (IOException e) {
            throw InputException.at(config, "cannot read: " + e.getMessage());
        }
        if (!"tensor".equals(tc.taskName())) {
            // density, response, salter: coefficient models on a dataset (CoefficientRun)
            org.equidens.workflow.CoefficientSettings cs = org.equidens.workflow.CoefficientSettings.of(tc, config);
            org.equidens.io.Dataset d = org.equidens.workflow.CoefficientRun.read(cs);
            org.equidens.util.Threads.configureForStructures(run.threads(cs.threads()));
            org.equidens.workflow.TrainingCheckpoint cp = org.equidens.workflow.TrainingCheckpoint.open(cs.output(),
                    org.equidens.workflow.CoefficientRun.fingerprint(cs, d), resume, checkpointEvery, out);
            org.equidens.workflow.CoefficientRun.run(cs, d, configText, out, cp);
            return 0;
        }
        TensorSettings s = TensorSettings.of(tc, config);
        TensorTraining.Data data = TensorTraining.read(s);
        out.printf("train: %s '%s' from %s (%d structures)%n", data.decomposition(), s.target(), s.structures(), data.structures().size());
        org.equidens.util.Threads.configure(run.threads(s.threads()));
        org.equidens.workflow.TrainingCheckpoint cp = org.equidens.workflow.TrainingCheckpoint.open(s.output(),
                TensorTraining.fingerprint(s), resume, checkpointEvery, out);
        TensorTraining.Result res = TensorTraining.run(s, data, out, cp);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("training_data", res.fingerprint());
        extra.put("settings", s.toMap());
        ModelDirectory.write(s.output(), res.model(), extra, Main.version(), dir -> {
            ModelDirectory.writeJson(dir.resolve("metrics.json"), TensorTraining.metrics(s, data, res));
            AtomicFiles.write(dir.resolve("config.yaml"), o -> o.write(configText.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            TensorTraining.plot(dir.resolve("learning_curve.png"), s, data, res);
            TensorTraining.plotTest(dir, s, res);
        });
        cp.finish();
        out.printf("%8s %8s %10s  %s%n", "N", "test", "train s", "RMSE % of test std per λ");
        int[] lambdas = data.decomposition().lambdas();
        for (TensorTraining.CurvePoint p : res.curve()) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < lambdas.length; k++) b.append(String.format("  λ=%d %.4f ± %.4f", lambdas[k], p.percent()[k], p.percentSd()[k]));
            out.printf("%8d %8d %10.2f %s%n", p.train(), p.test(), p.trainSeconds(), b);
        }
        out.printf("wrote %s%n", s.output());
        return 0;
    }
}
