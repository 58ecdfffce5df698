package dev.leibniz.cli;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.batch.SyntheticGroups;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leibniz generate-groups}: the seeded synthetic table of logistic-growth groups ({@link SyntheticGroups}). */
@Command(name = "generate-groups", mixinStandardHelpOptions = true,
        description = {"Write a table of many groups of logistic growth (examples/logistic.model) with known parameters"
                + " per group and Gaussian noise, for trying fit-groups: columns group,t,N.",
            "With --truth, also each group's true r, K and N0.",
            "Example: leibniz generate-groups --groups 1000 --seed 2026 --out groups.csv --truth truth.csv"})
final class GenerateGroupsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--groups", paramLabel = "N", defaultValue = "1000", description = "Groups. Default: ${DEFAULT-VALUE}.")
    int groups;

    @Option(names = "--points", paramLabel = "N", defaultValue = "15",
            description = "Observations per group, at t = 0, 1, ... Default: ${DEFAULT-VALUE}.")
    int points;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "2",
            description = "Standard deviation of the noise. Default: ${DEFAULT-VALUE}.")
    double sigma;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "2026", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "The table to write.")
    Path out;

    @Option(names = "--truth", paramLabel = "CSV", description = "Also write each group's true parameters here.")
    Path truth;

    @Override
    public Integer call() throws IOException {
        if (groups < 1 || points < 2 || !(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new LeibnizException("generate-groups needs --groups >= 1, --points >= 2 and a finite --sigma >= 0; got "
                    + groups + ", " + points + ", " + sigma);
        }
        SyntheticGroups g = new SyntheticGroups(groups, points, sigma, seed);
        g.write(out);
        if (truth != null) {
            try (Writer w = Files.newBufferedWriter(truth, StandardCharsets.UTF_8)) {
                w.write("group,r,K,N0\n");
                for (int i = 0; i < groups; i++) {
                    double[] p = g.truth(i);
                    w.write(SyntheticGroups.name(i) + "," + p[0] + "," + p[1] + "," + p[2] + "\n");
                }
            }
        }
        spec.commandLine().getOut().println("wrote " + out + (truth != null ? ", " + truth : ""));
        return ExitCode.OK;
    }
}
