package io.arcml.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    private final SearchSpace space = SearchSpace.builder()
            .parameter("learning_rate", Parameter.uniform(0.001, 0.1))
            .parameter("batch_size", Parameter.choice(16, 32))
            .build();

    @Test
    void rendersReferencesInTheCommand() {
        String cmd = "python train.py --lr ${{search_space.learning_rate}} --bs ${{ search_space.batch_size }}";
        assertThat(SearchSpace.render(cmd, Map.of("learning_rate", 0.01, "batch_size", 32)))
                .isEqualTo("python train.py --lr 0.01 --bs 32");
    }

    @Test
    void formatsWholeDoublesWithoutDecimalsAndNeverWithExponents() {
        assertThat(SearchSpace.format(32.0)).isEqualTo("32");
        assertThat(SearchSpace.format(1e-7)).isEqualTo("0.0000001");
        assertThat(SearchSpace.format("relu")).isEqualTo("relu");
    }

    @Test
    void theCommandMustUseEveryParameterAndOnlyThose() {
        space.checkCommand("train --lr ${{search_space.learning_rate}} --bs ${{search_space.batch_size}}");
        assertThatThrownBy(() -> space.checkCommand("train --lr ${{search_space.learning_rate}}"))
                .hasMessageStartingWith("search_space.batch_size: 'batch_size' is never used in the trial command");
        assertThatThrownBy(
                        () -> space.checkCommand(
                                "train ${{search_space.learning_rate}} ${{search_space.batch_size}} ${{search_space.momentum}}"))
                .hasMessageContaining("names no parameter of the search space [learning_rate, batch_size]");
    }

    @Test
    void rejectsBadNamesDuplicatesAndEmptySpaces() {
        assertThatThrownBy(() -> SearchSpace.builder().parameter("learning-rate", Parameter.choice(1)))
                .hasMessageStartingWith("search_space: 'learning-rate'");
        assertThatThrownBy(() -> SearchSpace.builder()
                        .parameter("a", Parameter.choice(1))
                        .parameter("a", Parameter.choice(2)))
                .hasMessageContaining("is defined twice");
        assertThatThrownBy(() -> SearchSpace.builder().build())
                .hasMessageStartingWith("search_space: missing is empty");
    }
}
