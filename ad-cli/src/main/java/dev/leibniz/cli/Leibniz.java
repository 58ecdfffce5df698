package dev.leibniz.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code leibniz} command. Exit status: 0 success, 2 bad input or usage, 1 a failure while
 * computing. Errors are one line on standard error starting with {@code error:}; a stack trace
 * only with {@code --debug}.
 */
@Command(name = "leibniz", mixinStandardHelpOptions = true, version = "leibniz 0.1.0",
        description = "Differentiable programming of scientific models: fit a model to data, simulate it, "
                + "and look at its derivatives.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Leibniz implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command in-process with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine();
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandName();
            e.println("error: " + Errors.oneLine(UsageMessages.of(ex) + " (see 'leibniz " + ("leibniz".equals(cmd) ? ""
                    : cmd + " ") + "--help')"));
            return ExitCode.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> Errors.report(ex, e, Errors.debugRequested(args)));
        String[] arguments;
        try {
            arguments = LeadingMinus.arguments(cl, PetabRoutes.route(args));
        } catch (LeadingMinus.UnknownOption ex) {
            e.println("error: " + Errors.oneLine(ex.getMessage()));
            e.flush();
            return ExitCode.BAD_INPUT;
        }
        int code = cl.execute(arguments);
        o.flush();
        e.flush();
        return code;
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Leibniz());
        for (Object sub : Commands.all()) {
            cl.addSubcommand(sub);
        }
        for (Object sub : PetabCommands.all()) {
            cl.addSubcommand(sub);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true); // after the subcommands: picocli sets it on those present
        LeadingMinus.configure(cl);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
