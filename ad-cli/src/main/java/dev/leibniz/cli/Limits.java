package dev.leibniz.cli;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.expr.ExpressionParser;
import dev.leibniz.models.internal.IoMessages;
import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The limits of what the command reads, each enforced with a message that names it and listed
 * in docs/errors.md ("Limits"). They keep a mistaken input (a binary file given as a model, a
 * generated model with a runaway loop) from exhausting memory instead of failing with a sentence:
 *
 * <ul>
 *   <li>expression nesting: {@value ExpressionParser#MAX_DEPTH} levels (ad-core's parser; deeper
 *       recursion would overflow the stack);</li>
 *   <li>model file: {@value #MAX_MODEL_FILE_BYTES} bytes (the largest shipped example is 11 kB);</li>
 *   <li>states: {@value #MAX_STATES} (an implicit solver's dense n × n Jacobian is then 800 MB);</li>
 *   <li>parameters: {@value #MAX_PARAMETERS} (forward sensitivities integrate p × n values);</li>
 *   <li>data: {@value DataReader#MAX_ROWS} rows and {@value DataReader#MAX_FILE_CHARACTERS}
 *       characters (DataReader).</li>
 * </ul>
 */
final class Limits {
    private Limits() {
    }

    static final long MAX_MODEL_FILE_BYTES = 16L * 1024 * 1024;
    static final int MAX_STATES = 10_000;
    static final int MAX_PARAMETERS = 10_000;

    /** Reads and checks a model file within the limits. */
    static ModelSpec model(Path file) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_MODEL_FILE_BYTES) {
                throw new LeibnizException(file + ": the model file has " + Files.size(file) + " bytes, more than "
                        + MAX_MODEL_FILE_BYTES + " (the limit on model file size, docs/errors.md)");
            }
        } catch (IOException e) {
            throw new LeibnizException(file + ": cannot read the model file: " + IoMessages.why(file, e));
        }
        ModelSpec m = ModelParser.parse(file);
        if (m.stateCount() > MAX_STATES) {
            throw new LeibnizException(m.name() + ": " + m.stateCount() + " states, more than " + MAX_STATES
                    + " (the limit on states, docs/errors.md)");
        }
        if (m.parameterNames().size() > MAX_PARAMETERS) {
            throw new LeibnizException(m.name() + ": " + m.parameterNames().size() + " parameters, more than "
                    + MAX_PARAMETERS + " (the limit on parameters, docs/errors.md)");
        }
        return m;
    }
}
