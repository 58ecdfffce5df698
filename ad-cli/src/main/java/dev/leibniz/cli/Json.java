package dev.leibniz.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * JSON output with Jackson. Non-finite numbers have no JSON form; they are refused here
 * rather than written as invalid JSON (callers report them as computation failures first).
 */
final class Json {
    private Json() {
    }

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array(double[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double v : values) {
            a.add(finite(v));
        }
        return a;
    }

    static double finite(double v) {
        if (!Double.isFinite(v)) {
            throw new ComputationFailedException("the result contains a non-finite value (" + v + ")");
        }
        return v;
    }

    static void print(PrintWriter out, Object node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new ComputationFailedException("cannot write JSON: " + e.getOriginalMessage());
        }
    }

    static void write(Path file, Object node) throws IOException {
        MAPPER.writeValue(file.toFile(), node);
    }
}
