package dev.leibniz.sparse.docs;

import dev.leibniz.sparse.SparsityPattern;
import dev.leibniz.core.docs.ModuleSurface;
import org.junit.jupiter.api.Test;

/**
 * ad-sparse's public surface is what docs/architecture.md ("Module surface") says: the exports of its
 * compiled module-info.class equal the table's row, nothing named internal is exported to
 * everyone, and qualified exports go to Leibniz modules only.
 */
class ModuleSurfaceTest {

    @Test
    void exportsAreThoseOfTheArchitecturePage() {
        ModuleSurface.assertMatchesPage(SparsityPattern.class, "dev.leibniz.sparse");
    }
}
