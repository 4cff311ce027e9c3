package org.equidens.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.equidens.basis.BasisSet;
import org.equidens.basis.Shell;
import org.equidens.io.Dataset;
import org.equidens.io.InputException;
import org.equidens.io.StructureIO;
import org.equidens.structure.StructureSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Summary of a dataset folder or a structure file. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Summarise a dataset (folder with dataset.yaml) or a structure file: structures, species,",
                "cells, basis sizes per species, target array shapes, and whether coefficient counts match the basis."})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "A dataset folder, its dataset.yaml, or a structure file (.xyz, .extxyz).")
    Path path;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(path)) throw InputException.at(path, "no such file or folder");
        if (Dataset.isDataset(path)) {
            Dataset d = Dataset.load(path);
            out.printf("dataset %s (%s)%n", d.name(), d.yaml());
            printStructures(out, StructureSummary.of(d.structures()));
            printBasis(out, d.basis(), d.mOrder().label(), StructureSummary.of(d.structures()).atomsPerSpecies());
            for (Dataset.Target t : d.targets().values()) {
                out.printf("target %-9s %s shape %s%n", t.name(), d.root().relativize(t.file()), Arrays.toString(t.shape()));
            }
            if (!d.targets().isEmpty()) {
                out.println("coefficient counts match the basis for every structure");
            }
        } else if (Files.isDirectory(path)) {
            throw InputException.at(path, "folder has no " + Dataset.FILE_NAME);
        } else {
            printStructures(out, StructureSummary.of(StructureIO.readAll(path)));
        }
        return 0;
    }

    private static void printStructures(PrintWriter out, StructureSummary s) {
        out.printf("structures: %d, atoms per structure: %s, atoms in all: %d%n", s.frames(),
                s.minAtoms() == s.maxAtoms() ? String.valueOf(s.minAtoms()) : s.minAtoms() + "-" + s.maxAtoms(), s.totalAtoms());
        out.printf("species: %s%n", s.atomsPerSpecies().entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + " atoms)").collect(Collectors.joining(", ")));
        if (s.periodicFrames() == 0) {
            out.println("cells: none (molecules)");
        } else {
            out.printf("cells: %d periodic structures, volume %.3f-%.3f Å³%n", s.periodicFrames(), s.minVolume(), s.maxVolume());
        }
        if (!s.infoKeys().isEmpty()) out.println("info keys: " + join(s.infoKeys()));
        if (!s.arrayKeys().isEmpty()) out.println("per-atom arrays: " + join(s.arrayKeys()));
    }

    private static void printBasis(PrintWriter out, BasisSet basis, String order, Map<String, Long> species) {
        out.printf("basis %s, m order %s%n", basis.name(), order);
        for (String el : species.keySet()) {
            int lmax = basis.shells(el).stream().mapToInt(Shell::l).max().orElse(0);
            out.printf("  %-2s %4d functions, %2d shells, l ≤ %d%n", el, basis.functionCount(el), basis.shells(el).size(), lmax);
        }
    }

    private static String join(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
