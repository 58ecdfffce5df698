package dev.leibniz.sbml;

import java.net.URL;

/**
 * JSBML logs through log4j 2, and the {@code log4j2.xml} inside jsbml-core writes a
 * {@code jsbml.log} file into the working directory. An application that does not configure
 * log4j itself (the {@code leibniz} command, tests) calls {@link #quiet()} before reading its
 * first model to switch that off. A library should not make this choice for its users, so
 * {@link SbmlReader} does not call it: an application with its own log4j configuration keeps it.
 */
public final class JsbmlLogging {
    private JsbmlLogging() {
    }

    /**
     * Points log4j at a configuration that logs nothing, unless a configuration file is already
     * chosen by system property. Must run before the first JSBML class is used.
     */
    public static void quiet() {
        if (System.getProperty("log4j2.configurationFile") != null
                || System.getProperty("log4j.configurationFile") != null) {
            return;
        }
        URL quiet = JsbmlLogging.class.getResource("log4j2-quiet.xml");
        if (quiet != null) {
            System.setProperty("log4j2.configurationFile", quiet.toString());
        }
    }
}
