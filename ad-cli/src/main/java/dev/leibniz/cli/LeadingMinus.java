package dev.leibniz.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Arguments that start with a minus but are not options: {@code leibniz grad "-x^2"},
 * {@code leibniz grad -1}, {@code leibniz graph "-sin(x)"}. The rule: an argument is an option
 * only when it is an option's name exactly ({@code -h}, {@code --json}) or a long option's name
 * followed by {@code =}, and the argument after an option that takes a value is that value
 * ({@code --at x=-1}, {@code --t1 -5}); anything else is a positional argument, an expression or
 * a number, whatever its first character. Short options are never clustered (only {@code -h}
 * and {@code -V} exist, so {@code -hV} saved nothing, while {@code -h*x} read as {@code -h}
 * printed the help).
 *
 * <p>picocli decides by the look of an argument, so the positional arguments are handed to it
 * after {@code --} (in their order, after the options) when one of them starts with a minus. An
 * argument that starts with two minuses and names no option is still an unknown option: a
 * misspelt {@code --jsno} must not become an expression.
 */
final class LeadingMinus {
    private LeadingMinus() {
    }

    /** Sets the parsing rules on the command and all its subcommands. */
    static void configure(CommandLine cl) {
        cl.setPosixClusteredShortOptionsAllowed(false);
    }

    /** A {@code --name} the command does not have: the text after {@code error: }. */
    static final class UnknownOption extends RuntimeException {
        UnknownOption(String message) {
            super(message);
        }
    }

    /**
     * The arguments as picocli should see them: unchanged unless a positional argument starts with
     * a minus; then the subcommand, the options with their values, {@code --}, the positionals.
     *
     * @throws UnknownOption for the first {@code --name} (or {@code --name=…}) that is no option
     */
    static String[] arguments(CommandLine root, String[] args) {
        CommandLine cl = root;
        List<String> head = new ArrayList<>();
        int i = 0;
        if (args.length > 0 && root.getSubcommands().containsKey(args[0])) {
            cl = root.getSubcommands().get(args[0]);
            head.add(args[0]);
            i = 1;
        }
        CommandSpec spec = cl.getCommandSpec();
        List<String> options = new ArrayList<>();
        List<String> positionals = new ArrayList<>();
        boolean minusPositional = false;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                positionals.addAll(Arrays.asList(args).subList(i + 1, args.length));
                break;
            }
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            OptionSpec o = spec.findOption(eq >= 0 ? a.substring(0, eq) : a);
            if (o == null && a.startsWith("--")) {
                throw new UnknownOption(unknown(cl, root, eq >= 0 ? a.substring(0, eq) : a));
            }
            if (o == null || !a.startsWith("-")) {
                positionals.add(a);
                minusPositional |= a.startsWith("-") && a.length() > 1;
                continue;
            }
            options.add(a);
            if (eq < 0 && o.arity().min() > 0 && i + 1 < args.length) {
                options.add(args[++i]); // its value, whatever it looks like
            }
        }
        if (!minusPositional) {
            return args;
        }
        head.addAll(options);
        head.add("--");
        head.addAll(positionals);
        return head.toArray(new String[0]);
    }

    private static String unknown(CommandLine cl, CommandLine root, String name) {
        List<String> longNames = cl.getCommandSpec().options().stream()
                .flatMap(op -> Arrays.stream(op.names())).filter(n -> n.startsWith("--")).toList();
        String close = dev.leibniz.core.internal.Suggestions.closest(name, longNames);
        String cmd = cl == root ? "" : cl.getCommandName() + " ";
        return "Unknown option: '" + name + "'" + (close == null ? "" : " (did you mean '" + close + "'?)")
                + " (see 'leibniz " + cmd + "--help')";
    }
}
