package dev.leibniz.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * Usage errors in words for the person at the terminal. picocli's own texts are mostly clear
 * ("Unknown option: '--bogus'"), but a misspelt command comes out as "Unmatched argument at
 * index 0: 'simulat'", which speaks of argument indices instead of commands.
 */
final class UsageMessages {
    private UsageMessages() {
    }

    /** The text after {@code error: } for a usage error. */
    static String of(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            CommandLine cl = ex.getCommandLine();
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-")) {
                return ex.getMessage();
            }
            if (cl.getParent() == null) {
                List<String> commands = cl.getSubcommands().keySet().stream().filter(c -> !c.equals("help")).toList();
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
        String t = typed.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : commands) {
            int d = distance(t, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= (t.length() <= 4 ? 1 : 2) ? best : null;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
