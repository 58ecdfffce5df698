package dev.leibniz.core.memory;

import dev.leibniz.core.Gradient;

/**
 * A gradient together with what computing it cost in memory and recomputation.
 *
 * @param gradient the value and gradient, as {@link dev.leibniz.core.Program#gradient} gives them
 * @param memory   stored values and forward work of this evaluation
 */
public record MeteredGradient(Gradient gradient, MemoryReport memory) {
}
