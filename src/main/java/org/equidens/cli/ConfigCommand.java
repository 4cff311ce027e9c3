package org.equidens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.equidens.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a commented configuration template, ready to edit and pass to {@code train}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print a commented training-config template: ./equidens config --example density-response > my.yaml",
                "Templates: tensor, density, density-response (alias: response). Every key: docs/configuration.md."})
final class ConfigCommand implements Callable<Integer> {
    /** Template names, each a resource templates/NAME.yaml. */
    static final List<String> TEMPLATES = List.of("tensor", "density", "density-response");

    @Spec
    CommandSpec spec;

    @Option(names = "--example", paramLabel = "NAME", description = "Template to print (${COMPLETION-CANDIDATES}).",
            completionCandidates = Names.class)
    String example;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (example == null) {
            out.println("templates: " + String.join(", ", TEMPLATES) + " (./equidens config --example NAME)");
            return 0;
        }
        out.print(template(example));
        out.flush();
        return 0;
    }

    /** The text of a template; "response" is accepted for "density-response". */
    static String template(String name) {
        String key = name.equals("response") ? "density-response" : name;
        if (!TEMPLATES.contains(key)) {
            throw new InputException("--example: unknown template '" + name + "' (known: " + String.join(", ", TEMPLATES) + ")");
        }
        try (InputStream in = ConfigCommand.class.getResourceAsStream("/templates/" + key + ".yaml")) {
            if (in == null) throw new IllegalStateException("template " + key + " missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template " + key, e);
        }
    }

    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TEMPLATES.iterator();
        }
    }
}
