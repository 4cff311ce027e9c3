package org.equidens.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.equidens.util.Progress;

/**
 * The CLI's {@link Progress}: terminal bars with rate and ETA on stderr (only when there is a
 * terminal: a bar in a log file is noise) and, with --verbose, one timing line per finished step.
 * Only the innermost running task draws a bar, named after the tasks around it with their count and
 * ETA ("learning curve 1/3 ETA 0:02:10 › PCG iterations"): several live bars redrawn in place would
 * overwrite the log lines printed between them. A bar appears at a task's first step, so a loop
 * whose steps are themselves tasks (learning curves, splits) shows through its inner bars only.
 */
final class ConsoleProgress implements Progress {
    private final boolean bars;
    private final PrintWriter timings;
    private final List<Live> stack = new ArrayList<>();

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
        Live t = new Live(name, total);
        synchronized (stack) {
            if (!stack.isEmpty()) {
                Live parent = stack.get(stack.size() - 1);
                parent.hideBar();
                parent.outer = true;
            }
            stack.add(t);
        }
        return t;
    }

    /** "outer 2/5 › " for the tasks below the top of the stack. */
    private String prefix() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < stack.size() - 1; i++) {
            Live o = stack.get(i);
            b.append(o.name).append(' ').append(o.done).append(o.total > 0 ? "/" + o.total : "");
            if (o.total > 0 && o.done > 0 && o.done < o.total) {
                long eta = (long) ((System.nanoTime() - o.t0) * 1e-9 * (o.total - o.done) / o.done);
                b.append(String.format(" ETA %d:%02d:%02d", eta / 3600, eta / 60 % 60, eta % 60));
            }
            b.append(" › ");
        }
        return b.toString();
    }

    private final class Live implements Task {
        final String name;
        final long total, t0 = System.nanoTime();
        long done;
        boolean outer;
        ProgressBar bar;
        String status = "";

        Live(String name, long total) {
            this.name = name;
            this.total = total;
        }

        void showBar(String prefix) {
            if (!bars) return;
            bar = new ProgressBarBuilder().setTaskName(prefix + name).setInitialMax(total > 0 ? total : -1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setMaxRenderedLength(120).showSpeed()
                    .startsFrom(done, Duration.ofNanos(System.nanoTime() - t0)).build();
            if (!status.isEmpty()) bar.setExtraMessage(" " + status);
        }

        void hideBar() {
            if (bar != null) bar.close(); // leaves the bar's last state as a line: the outer progress so far
            bar = null;
        }

        @Override
        public void step(long n) {
            synchronized (this) {
                done += n;
            }
            ProgressBar b = bar;
            if (b != null) b.stepBy(n);
            else if (bars && !outer) {
                synchronized (stack) {
                    if (bar == null && !outer && !stack.isEmpty() && stack.get(stack.size() - 1) == this) showBar(prefix());
                }
            }
        }

        @Override
        public void status(String text) {
            status = text;
            ProgressBar b = bar;
            if (b != null) b.setExtraMessage(" " + text);
        }

        @Override
        public void close() {
            synchronized (stack) {
                hideBar();
                int at = stack.lastIndexOf(this);
                if (at < 0) return; // closed twice
                stack.remove(at);
            }
            if (timings != null) {
                double s = (System.nanoTime() - t0) * 1e-9;
                synchronized (timings) {
                    timings.printf("[time] %-48s %10.2f s%s%n", name, s, done > 0 ? String.format("  (%d steps, %.3g/s)", done, done / Math.max(s, 1e-9)) : "");
                }
            }
        }
    }
}
