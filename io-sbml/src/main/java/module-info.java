/**
 * SBML models and PEtab problems as Leibniz ODE problems and calibrations, read with JSBML and
 * Jackson's YAML tree model (no data binding, so nothing is opened to Jackson). Both packages are
 * exported ({@code docs/architecture.md}, "Module surface").
 */
module dev.leibniz.sbml {
    requires transitive dev.leibniz.ode;
    requires jsbml.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.apache.commons.csv;
    requires java.xml;

    exports dev.leibniz.sbml;
    exports dev.leibniz.sbml.petab;
}
