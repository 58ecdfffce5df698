package dev.leibniz.cli;

import dev.leibniz.models.calibration.Progress;
import dev.leibniz.models.calibration.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error for a running fit: iterations, current and best loss. */
final class FitProgress implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;

    FitProgress(PrintWriter err, Integer maxIterations) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("fitting")
                .setInitialMax(maxIterations != null ? maxIterations : -1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .continuousUpdate()
                .setConsumer(new Consumer(err))
                .build();
    }

    @Override
    public void onIteration(Progress p) {
        bar.stepTo(p.iteration());
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.6g (best %.6g)", p.loss(), p.bestLoss()));
    }

    @Override
    public void close() {
        bar.close();
    }

    /** Renders onto the command's error stream, one line redrawn in place. */
    private static final class Consumer implements ProgressBarConsumer {
        private final PrintWriter err;

        Consumer(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public void accept(String rendered) {
            err.print('\r');
            err.print(rendered);
            err.flush();
        }

        @Override
        public void close() {
            err.println();
            err.flush();
        }
    }
}
