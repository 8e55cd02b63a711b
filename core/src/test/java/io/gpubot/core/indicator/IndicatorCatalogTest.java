package io.gpubot.core.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IndicatorCatalogTest {

    @Test
    void thereAreExactlyFiftyTypesWithDistinctNames() {
        assertThat(IndicatorCatalog.types()).hasSize(50);
        Set<String> names = new HashSet<>();
        IndicatorCatalog.types().forEach(t -> names.add(t.name()));
        assertThat(names).hasSize(50);
        Set<String> rules = new HashSet<>();
        IndicatorCatalog.types().forEach(t -> rules.add(t.rule()));
        assertThat(rules).as("rule texts").hasSize(50);
    }

    @ParameterizedTest
    @EnumSource(IndicatorType.class)
    void parametersHaveSaneRangesAndGrids(IndicatorType type) {
        assertThat(type.outputs()).isNotEmpty();
        assertThat(type.rule()).isNotBlank();
        for (Parameter parameter : type.parameters()) {
            assertThat(parameter.accepts(parameter.defaultValue())).as(parameter.name()).isTrue();
            double[] grid = parameter.grid();
            assertThat(grid).as("%s %s grid", type, parameter.name()).isNotEmpty().isSorted().contains(parameter.defaultValue());
            for (double value : grid) assertThat(parameter.accepts(value)).as("%s %s grid value %s", type, parameter.name(), value).isTrue();
        }
        assertThat(type.constraintViolation(type.defaults())).isEmpty();
        assertThat(IndicatorSpec.defaults(type).warmUp()).isNotNegative();
    }

    @Test
    void periodGridsAreTheTradersPeriodsWithinRange() {
        assertThat(IndicatorType.RSI.parameters().get(0).grid()).containsExactly(5, 7, 9, 10, 12, 14, 20, 21, 26, 30, 50, 100);
        assertThat(IndicatorType.SMA.parameters().get(0).grid()).containsExactly(5, 7, 9, 10, 12, 14, 20, 21, 26, 30, 50, 100, 200);
    }

    @Test
    void docsIndicatorsMdIsUpToDate() throws IOException {
        Path docs = locateRepositoryRoot().resolve("docs/INDICATORS.md");
        assertThat(docs).as("docs/INDICATORS.md exists; create it with: gpubot indicators list --markdown > docs/INDICATORS.md").exists();
        String committed = Files.readString(docs, StandardCharsets.UTF_8);
        assertThat(committed)
                .as("docs/INDICATORS.md is stale; regenerate it with: gpubot indicators list --markdown > docs/INDICATORS.md")
                .isEqualTo(IndicatorCatalog.markdown());
    }

    static Path locateRepositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs")) && !Files.exists(dir.resolve(".git"))) dir = dir.getParent();
        assertThat(dir).as("repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
