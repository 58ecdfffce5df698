package dev.leibniz.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Usage errors in words for the person at the terminal. picocli's own texts are mostly clear
 * ("Unknown option: '--bogus'"), but a misspelt command comes out as "Unmatched argument at
 * index 0: 'simulat'", which speaks of argument indices instead of commands.
 */
final class UsageMessages {
    private UsageMessages() {
    }

    /**
     * A Java exception's class name inside picocli's text, {@code (java.nio.file.InvalidPathException: Nul
     * character not allowed …)}: the person at the terminal gets the reason without the class.
     */
    private static final java.util.regex.Pattern EXCEPTION_NAME =
            java.util.regex.Pattern.compile("\\((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ");

    /** The text after {@code error: } for a usage error. */
    static String of(CommandLine.ParameterException ex) {
        return EXCEPTION_NAME.matcher(words(ex)).replaceAll("(");
    }

    private static String words(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            CommandLine cl = ex.getCommandLine();
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-")) {
                return ex.getMessage();
            }
            if (cl.getParent() == null) {
                List<String> commands = cl.getSubcommands().entrySet().stream().filter(c -> !c.getKey().equals("help"))
                        .filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList();
                String close = closest(first, commands);
                return "unknown command '" + first + "'" + (close == null ? "" : " (did you mean '" + close + "'?)")
                        + "; the commands are " + String.join(", ", commands);
            }
            return "unexpected argument" + (u.getUnmatched().size() == 1 ? " '" + first + "'"
                    : "s " + String.join(" ", u.getUnmatched().stream().map(a -> "'" + a + "'").toList()))
                    + " after the command '" + cl.getCommandName() + "'";
        }
        return ex.getMessage();
    }

    /** The command within a small edit distance of {@code typed} (case ignored), or null. */
    static String closest(String typed, List<String> commands) {
        return dev.leibniz.core.internal.Suggestions.closest(typed, commands);
    }
}
