package dev.leibniz.models.calibration.nist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.Losses;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NIST StRD nonlinear regression problems in {@code examples/nist/} (NIST's original
 * {@code .dat} files, parsed by {@link NistProblem}), each fitted by {@code Calibrator}'s default
 * least squares from both of NIST's starting points, through the problem's model file.
 * Acceptance (McCullough 1998's log relative error against NIST's certified values, computed in
 * 128-bit arithmetic): parameters and residual sum of squares LRE ≥ 6, standard deviations ≥ 3.
 */
class NistStrdTest {
    static final Path DIR = Path.of("..", "examples", "nist");

    static Stream<Arguments> problems() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".dat")).sorted().toList()) {
                out.add(Arguments.of(p.getFileName().toString().replace(".dat", ""), 1));
                out.add(Arguments.of(p.getFileName().toString().replace(".dat", ""), 2));
            }
        }
        return out.stream();
    }

    /** Fits problem {@code name} from start {@code which}. */
    static FitResult fit(NistProblem prob, int which) {
        ModelSpec spec = ModelParser.parse(DIR.resolve(prob.name() + ".model"));
        // Nelson's response is log(y): NIST's residual is the log loss's log(model) − log(y)
        Calibrator c = Calibrator.of(spec, prob.dataSet()).start(prob.start(which))
                .loss(prob.name().equals("Nelson") ? Losses.SUM_OF_SQUARES_OF_LOGS : Losses.SUM_OF_SQUARES);
        return c.fit();
    }

    @ParameterizedTest(name = "{0} start {1}")
    @MethodSource("problems")
    void certifiedDigits(String name, int which) {
        NistProblem prob = NistProblem.read(DIR.resolve(name + ".dat"));
        FitResult r = fit(prob, which);
        double lreP = 15;
        double lreSd = 15;
        for (int i = 0; i < prob.parameters().size(); i++) {
            lreP = Math.min(lreP, NistProblem.lre(r.values()[i], prob.certified()[i]));
            lreSd = Math.min(lreSd, NistProblem.lre(r.standardErrors()[i], prob.certifiedSd()[i]));
        }
        double lreRss = NistProblem.lre(r.loss(), prob.rss());
        System.out.printf(Locale.ROOT, "NIST %-9s start %d: LRE params %.1f, RSS %.1f, sd %.1f; %d iterations, %s (%s)%n",
                name, which, lreP, lreRss, lreSd, r.iterations(), r.converged() ? "converged" : "FAILED", r.reason());
        if (KNOWN_FAILURES.contains(name + "/" + which)) {
            // a start this optimizer does not solve must be reported as a failure, never as an answer
            assertTrue(!r.converged() || lreP < 6, name + " start " + which + " now succeeds: update KNOWN_FAILURES");
            assertTrue(!r.converged(), name + " start " + which + " ended at a wrong point reported as converged\n"
                    + r.summary());
            return;
        }
        assertTrue(r.converged(), name + " start " + which + ": " + r.summary());
        assertTrue(lreP >= 6 && lreSd >= 3, name + " start " + which + ": LRE params " + lreP + ", sd " + lreSd
                + "\n" + r.summary());
        if (belowDoublePrecision(prob)) {
            // the certified residuals are ~1e-13 of the data: double precision cannot resolve them to 6 digits,
            // so the RSS is checked for its order of magnitude (the fit found the zero-residual solution)
            assertTrue(r.loss() < 10 * prob.rss(), name + ": RSS " + r.loss() + " vs certified " + prob.rss());
        } else {
            assertTrue(lreRss >= 6, name + " start " + which + ": LRE RSS " + lreRss);
        }
    }

    /**
     * Starts that end in a reported failure (see docs/benchmarks.md): MGH09 start 1 (b = 25, 39,
     * 41.5, 39, far in a flat valley: the iteration limit is reached) and MGH17 start 1.
     */
    static final java.util.Set<String> KNOWN_FAILURES = java.util.Set.of("MGH09/1", "MGH17/1");

    /**
     * Whether the certified root-mean-square residual is below 1e-10 of the data's: then a residual
     * computed in double precision (ε ≈ 1.1e-16 relative to the data) has fewer than 6 correct digits,
     * and so has the RSS, whatever the optimizer. Among the 27 problems only Lanczos1 is such.
     */
    static boolean belowDoublePrecision(NistProblem prob) {
        double ss = 0;
        for (double[] row : prob.data()) {
            ss += row[0] * row[0];
        }
        return Math.sqrt(prob.rss() / ss) < 1e-10;
    }
}
