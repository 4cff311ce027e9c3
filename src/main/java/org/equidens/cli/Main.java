package org.equidens.cli;

import java.io.PrintWriter;
import org.equidens.io.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the equidens command-line tool: a thin layer over the library. */
@Command(name = "equidens",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Equivariant kernel models of electron densities and their response to electric fields.",
        subcommands = {DemoCommand.class, TrainCommand.class, ValidateCommand.class, PredictCommand.class,
                InfoCommand.class, DescriptorsCommand.class, CubeCommand.class, ProfileCommand.class, ConfigCommand.class,
                GridSamplesCommand.class, GridValidateCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for user mistakes (bad input, bad options). */
    public static final int EXIT_USAGE = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable cause = ex;
            while (!(cause instanceof InputException) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof InputException) {
                err.println("equidens: " + oneLine(cause.getMessage()));
                return EXIT_USAGE;
            }
            throw ex;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("equidens: " + oneLine(ex.getMessage()));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_USAGE;
        });
        // --quiet / --verbose of the command that runs (RunOptions): stdout and progress decided here, once
        cli.setExecutionStrategy(parsed -> {
            CommandLine.ParseResult leaf = parsed;
            while (leaf.subcommand() != null) leaf = leaf.subcommand();
            boolean quiet = leaf.hasMatchedOption("--quiet"), verbose = leaf.hasMatchedOption("--verbose");
            if (quiet) leaf.commandSpec().commandLine().setOut(new PrintWriter(java.io.OutputStream.nullOutputStream()));
            org.equidens.util.Progress previous = org.equidens.util.Progress.use(ConsoleProgress.of(quiet, verbose, err));
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                org.equidens.util.Progress.use(previous);
            }
        });
        return cli.execute(args);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').strip();
    }

    /** Reads the version from the jar manifest, falling back to the source tree's. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"equidens " + version()};
        }
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /**
     * A path as given if it exists (or is absolute), else the same path under the installation
     * folder (the launcher sets {@code equidens.home}) if it exists there, so the defaults of demo
     * and the benchmarks ({@code data/...}) work from any working directory.
     */
    static java.nio.file.Path installed(java.nio.file.Path p) {
        if (p.isAbsolute() || java.nio.file.Files.exists(p)) return p;
        String home = System.getProperty("equidens.home");
        if (home == null) return p;
        java.nio.file.Path there = java.nio.file.Path.of(home).resolve(p);
        return java.nio.file.Files.exists(there) ? there : p;
    }
}
