package dev.leibniz.cli;

/**
 * Sends {@code simulate} and {@code fit} of a PEtab problem (a {@code .yaml}/{@code .yml} file) to
 * the PEtab commands, so one verb works on both kinds of input while each command keeps its own
 * options and help.
 */
final class PetabRoutes {
    private PetabRoutes() {
    }

    static String[] route(String[] args) {
        if (args == null || args.length < 2) {
            return args;
        }
        String target = switch (args[0]) {
            case "simulate" -> "petab-simulate";
            case "fit" -> "petab-fit";
            default -> null;
        };
        if (target == null) {
            return args;
        }
        for (int i = 1; i < args.length; i++) {
            String a = args[i].toLowerCase(java.util.Locale.ROOT);
            if (!a.startsWith("-") && (a.endsWith(".yaml") || a.endsWith(".yml"))) {
                String[] routed = args.clone();
                routed[0] = target;
                return routed;
            }
        }
        return args;
    }
}
