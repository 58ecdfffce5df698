package dev.leibniz.cli;

import java.util.List;

/** The subcommands of {@code leibniz}, in the order the help lists them. */
final class Commands {
    private Commands() {
    }

    static List<Object> all() {
        return List.of(new FitCommand(), new SimulateCommand(), new GradCommand(), new GraphCommand(), new JacobianCommand(),
                new ModesCommand(), new ReportCommand(),
                new FitGroupsCommand(), new ProfileCommand(), new BootstrapCommand(), new GenerateGroupsCommand());
    }
}
