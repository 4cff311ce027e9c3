package org.equidens.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.equidens.util.Progress;

/**
 * The CLI's {@link Progress}: terminal bars with rate and ETA on stderr (only when stderr is a
 * terminal: a bar in a log file is noise) and, with --verbose, one timing line per finished step.
 */
final class ConsoleProgress implements Progress {
    private final boolean bars;
    private final PrintWriter timings;

    /** bars: draw terminal bars; timings: where --verbose writes step times, or null. */
    ConsoleProgress(boolean bars, PrintWriter timings) {
        this.bars = bars;
        this.timings = timings;
    }

    /** What the options ask for: NONE when there is nothing to show. */
    static Progress of(boolean quiet, boolean verbose, PrintWriter err) {
        boolean terminal = System.console() != null;
        if (quiet || (!terminal && !verbose)) return Progress.NONE;
        return new ConsoleProgress(terminal, verbose ? err : null);
    }

    @Override
    public Task start(String name, long total) {
        long t0 = System.nanoTime();
        ProgressBar bar = bars ? new ProgressBarBuilder().setTaskName(name).setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setMaxRenderedLength(100)
                .showSpeed().build() : null;
        return new Task() {
            private long done;

            @Override
            public void step(long n) {
                synchronized (this) {
                    done += n;
                }
                if (bar != null) bar.stepBy(n);
            }

            @Override
            public void status(String text) {
                if (bar != null) bar.setExtraMessage(text);
            }

            @Override
            public void close() {
                if (bar != null) bar.close();
                if (timings != null) {
                    double s = (System.nanoTime() - t0) * 1e-9;
                    synchronized (timings) {
                        timings.printf("[time] %-48s %10.2f s%s%n", name, s, done > 0 ? String.format("  (%d steps, %.3g/s)", done, done / Math.max(s, 1e-9)) : "");
                    }
                }
            }
        };
    }
}
