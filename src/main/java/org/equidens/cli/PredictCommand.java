package org.equidens.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.equidens.io.AtomicFiles;
import org.equidens.io.ExtXyz;
import org.equidens.io.InputException;
import org.equidens.io.StructureIO;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;
import org.equidens.workflow.ModelDirectory;
import org.equidens.workflow.SagprModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Predicts with a saved model; writes OUT/predictions.xyz (atomically). A thin layer over {@link SagprModel}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict the model's tensor for every frame of an extxyz file. OUT/predictions.xyz holds the",
                "structures with the prediction under the model's target key (3^rank numbers, row-major, the",
                "training data's units) and, for a model with a committee, its standard deviation under KEY_std.",
                "Density / response / SALTER models: OUT/coefficients/NNNNN.npy (shape (ncoef) or (3, ncoef), the training",
                "dataset's m order) and OUT/predictions.xyz with 'electrons' or the predicted 'alpha' (bohr³) and 'response_charge'."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory written by 'equidens train'.")
    Path model;

    @Option(names = "--structures", required = true, paramLabel = "FILE", description = "Structures (.xyz, .extxyz).")
    Path structures;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (Files.exists(out) && !Files.isDirectory(out)) throw InputException.at(out, "--out exists and is not a folder");
        org.equidens.io.AtomicFiles.checkFolder(out); // before any work: a folder above it may be a file
        if (org.equidens.model.CoefficientModelFiles.isCoefficientModel(model)) {
            CoefficientPredict.run(model, structures, out, run.threads(), stdout);
            return 0;
        }
        SagprModel m = ModelDirectory.read(model);
        Threads.configure(run.threads());
        List<Atoms> frames = StructureIO.readAll(structures);
        if (frames.isEmpty()) throw InputException.at(structures, "no structures");
        SagprModel.Prediction p;
        try {
            p = m.predict(frames);
        } catch (InputException e) {
            throw InputException.at(structures, e.getMessage());
        }
        int n = m.decomposition().cartesianSize();
        List<Atoms> result = new ArrayList<>(frames.size());
        for (int s = 0; s < frames.size(); s++) {
            Atoms a = frames.get(s).withInfo(m.target(), Arrays.copyOfRange(p.cartesian(), s * n, (s + 1) * n));
            if (p.cartesianStd() != null) a = a.withInfo(m.target() + "_std", Arrays.copyOfRange(p.cartesianStd(), s * n, (s + 1) * n));
            result.add(a);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw InputException.at(out, "cannot create: " + e.getMessage());
        }
        Path file = out.resolve("predictions.xyz");
        AtomicFiles.write(file, o -> {
            java.io.Writer w = new java.io.OutputStreamWriter(o, java.nio.charset.StandardCharsets.UTF_8);
            for (Atoms a : result) ExtXyz.write(w, a);
            w.flush();
        });
        stdout.printf("wrote %s: '%s'%s for %d structures%n", file, m.target(), p.cartesianStd() == null ? "" : " and '" + m.target() + "_std'", frames.size());
        return 0;
    }
}
