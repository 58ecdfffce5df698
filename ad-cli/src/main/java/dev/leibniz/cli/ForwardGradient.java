package dev.leibniz.cli;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;

/** Gradient by forward mode: one tangent sweep per variable (placeholder until ad-forward is wired). */
final class ForwardGradient {
    private ForwardGradient() {
    }

    static Gradient of(Graph f, double[] x) {
        throw new ComputationFailedException("forward mode is not available yet");
    }
}
