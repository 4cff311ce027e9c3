package org.equidens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equidens.descriptor.Block;
import org.equidens.descriptor.BlockFiles;
import org.equidens.descriptor.LambdaSoap;
import org.equidens.descriptor.LambdaSoapConfig;
import org.equidens.io.InputException;
import org.equidens.io.StructureIO;
import org.equidens.structure.Atoms;
import org.equidens.util.Threads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** λ-SOAP features of one frame, one (λ, σ) block, as .npy; a thin layer over {@link LambdaSoap}. */
@Command(name = "descriptors", mixinStandardHelpOptions = true,
        description = {"Write the λ-SOAP block (λ, σ) of one frame as float64 .npy of shape (atoms, 2λ+1, features),",
                "atoms in structure order, components μ = −λ..λ, features ordered by (l_1, l_2), then",
                "(neighbor_1_type, n_1), then (neighbor_2_type, n_2), species by atomic number; the labels of every",
                "axis go to a sidecar OUT.json. Defaults without --config: rc 4 Å, σ 0.3 Å, 8 radial functions,",
                "l_max 6, ShiftedCosine width 0.5 Å, spline 1e-8, pairs l_1 ≤ l_2 with √2 weights, no normalisation."})
final class DescriptorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--structures", required = true, paramLabel = "FILE", description = "Structure file (.xyz, .extxyz).")
    Path structures;

    @Option(names = "--lambda", required = true, paramLabel = "L", description = "Angular order λ of the block.")
    int lambda;

    @Option(names = "--parity", required = true, paramLabel = "1|-1",
            description = "σ: 1 = proper tensor (l_1+l_2+λ even), -1 = pseudo-tensor (odd).")
    int parity;

    @Option(names = "--frame", paramLabel = "I", defaultValue = "0", description = "Frame index, negative from the end (default: ${DEFAULT-VALUE}).")
    int frame;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML hyperparameters (keys: see LambdaSoapConfig).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Output .npy (written atomically, with FILE.json).")
    Path out;

    @picocli.CommandLine.Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (lambda < 0) throw new InputException("--lambda must be >= 0, got " + lambda);
        if (parity != 1 && parity != -1) throw new InputException("--parity must be 1 or -1, got " + parity);
        org.equidens.io.AtomicFiles.checkTarget(out); // the folder must exist before any work
        org.equidens.io.AtomicFiles.checkTarget(BlockFiles.sidecar(out)); // also checks the name
        LambdaSoap.Hypers hypers = config == null ? LambdaSoapConfig.defaults() : LambdaSoapConfig.load(config);
        int lmax = hypers.expansion().maxAngular();
        if (!LambdaSoap.hasBlock(lmax, lambda, parity)) {
            throw new InputException("--lambda " + lambda + " --parity " + parity + ": λ-SOAP has no such block at l_max " + lmax
                    + (lambda > 2 * lmax ? " (λ ≤ 2·l_max)" : lambda == 0 ? " (λ = 0 has only parity 1)" : ""));
        }
        Threads.configure(run.threads());
        Atoms atoms = StructureIO.read(structures, frame);
        Block block;
        try {
            block = new LambdaSoap(hypers).block(atoms, lambda, parity);
        } catch (InputException e) {
            throw InputException.at(structures, "frame " + frame + ": " + e.getMessage());
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("descriptor", "lambda-soap");
        meta.put("o3_lambda", lambda);
        meta.put("o3_sigma", parity);
        meta.put("structures", structures.toString());
        meta.put("frame", frame);
        meta.put("atom_types", Arrays.stream(block.samples().columnValues("atom")).map(atoms::atomicNumber).toArray());
        meta.put("hypers", LambdaSoapConfig.toMap(hypers));
        BlockFiles.write(out, block, meta);
        stdout.printf("wrote %s: float64 (%d, %d, %d), labels in %s%n", out, block.sampleCount(), block.componentCount(),
                block.propertyCount(), BlockFiles.sidecar(out).getFileName());
        return 0;
    }
}
