/**
 * Sparse Jacobians and Hessians: sparsity detection, colorings (greedy, star, bidirectional) and
 * the compressed sweeps with their decompression. The API package and the worked example are
 * exported ({@code docs/architecture.md}, "Module surface"); the graph and queue helpers of the
 * colorings and the decompression are package-private.
 */
module dev.leibniz.sparse {
    requires transitive dev.leibniz.forward;
    // SpyPlot.render returns a java.awt.image.BufferedImage
    requires transitive java.desktop;

    exports dev.leibniz.sparse;
    exports dev.leibniz.sparse.examples;
}
