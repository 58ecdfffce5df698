package dev.leibniz.cli;

import java.util.List;

/** The PEtab subcommands: {@code evaluate}, and the PEtab forms of {@code simulate} and {@code fit} ({@link PetabRoutes}). */
final class PetabCommands {
    private PetabCommands() {
    }

    static List<Object> all() {
        return List.of(new EvaluateCommand(), new PetabSimulateCommand(), new PetabFitCommand());
    }
}
