/**
 * Models and their calibration: model files ({@code spec}), data sets, ODE and algebraic
 * simulators, losses and optimizers ({@code calibration}), batches of fits, neural-network layers
 * and worked examples. Every package but {@code dev.leibniz.models.internal} (file-error wording
 * shared with the command line) is exported ({@code docs/architecture.md}, "Module surface").
 */
module dev.leibniz.models {
    requires transitive dev.leibniz.ode;
    requires hipparchus.core;
    requires hipparchus.optim;
    requires org.apache.commons.csv;

    exports dev.leibniz.models;
    exports dev.leibniz.models.batch;
    exports dev.leibniz.models.calibration;
    exports dev.leibniz.models.data;
    exports dev.leibniz.models.examples;
    exports dev.leibniz.models.nn;
    exports dev.leibniz.models.spec;

    // --engine spark and other batch engines are found at run time (leibniz-spark provides one)
    uses dev.leibniz.models.batch.BatchEngineProvider;
}
