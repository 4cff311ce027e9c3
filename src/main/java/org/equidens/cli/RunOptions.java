package org.equidens.cli;

import picocli.CommandLine.Option;

/**
 * Options shared by every command that computes: {@code --threads}, {@code --quiet},
 * {@code --verbose}. Main reads quiet and verbose before the command runs (progress bars, stdout);
 * the command reads the thread count.
 */
final class RunOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Cores to use (default: all, or the config's 'threads').")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "Only results files and errors: no progress bars, no log lines.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print the time of every step to stderr.")
    boolean verbose;

    /** The thread count given, else {@code fallback} (0 = all cores). */
    int threads(int fallback) {
        return threads != null ? threads : fallback;
    }

    /** The thread count given, else 0 (all cores). */
    int threads() {
        return threads(0);
    }
}
