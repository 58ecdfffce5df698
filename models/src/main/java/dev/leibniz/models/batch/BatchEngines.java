package dev.leibniz.models.batch;

import dev.leibniz.core.LeibnizException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** The engines by name: {@code local} (always there) and any {@link BatchEngineProvider} on the class path. */
public final class BatchEngines {
    private BatchEngines() {
    }

    /**
     * Opens the engine {@code name}. For {@code local}, {@code master} may be {@code local[N]}
     * (N threads) or null (every core). An engine whose libraries are missing is an error that
     * says what to put on the class path.
     */
    public static BatchEngine open(String name, String master) {
        String key = name == null ? "local" : name.strip().toLowerCase(Locale.ROOT);
        if (key.equals("local")) {
            return master == null ? LocalEngine.allCores() : new LocalEngine(localThreads(master));
        }
        List<String> known = new ArrayList<>(List.of("local"));
        for (BatchEngineProvider p : ServiceLoader.load(BatchEngineProvider.class)) {
            if (p.name().equals(key)) {
                try {
                    return p.open(master);
                } catch (NoClassDefFoundError e) {
                    throw new LeibnizException("--engine " + key + ": its libraries are not on the class path (missing "
                            + e.getMessage() + "); run through the leibniz launcher or spark-submit");
                }
            }
            known.add(p.name());
        }
        throw new LeibnizException("--engine: unknown engine '" + name + "'; available: " + String.join(", ", known));
    }

    /** N of {@code local[N]} ({@code local[*]}: every core). */
    static int localThreads(String master) {
        String m = master.strip();
        if (m.equals("local")) {
            return 1;
        }
        if (m.equals("local[*]")) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (m.startsWith("local[") && m.endsWith("]")) {
            try {
                int n = Integer.parseInt(m.substring(6, m.length() - 1));
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new LeibnizException("--master: the local engine takes local, local[N] or local[*], got '" + master + "'");
    }
}
