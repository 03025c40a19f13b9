package org.specsoc.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNameTest {
    private static final List<String> DECODERS = List.of("ann", "linear-mixing", "none");

    @Test
    void findsTheClosestPlausibleTypo() {
        assertThat(NearestName.of("linear-mixng", DECODERS)).contains("linear-mixing");
        assertThat(NearestName.of("LINEAR-MIXING", DECODERS)).contains("linear-mixing");
        assertThat(NearestName.of("encoder.hiden", List.of("encoder.hidden", "encoder.type")))
                .contains("encoder.hidden");
    }

    @Test
    void nothingWhenEveryCandidateIsFar() {
        assertThat(NearestName.of("transformer", DECODERS)).isEmpty();
        assertThat(NearestName.of("x", List.of())).isEmpty();
    }

    @Test
    void shortNamesAllowTwoEdits() {
        assertThat(NearestName.of("an", DECODERS)).contains("ann");
        assertThat(NearestName.of("nne", DECODERS)).contains("none");
    }

    @Test
    void tiesGoToTheAlphabeticallyFirstCandidate() {
        assertThat(NearestName.of("cat", List.of("cbt", "bat"))).contains("bat");
        assertThat(NearestName.of("cat", List.of("bat", "cbt"))).contains("bat");
    }

    @Test
    void suggestionText() {
        assertThat(NearestName.suggestion("linear-mixng", DECODERS)).isEqualTo(" (did you mean 'linear-mixing'?)");
        assertThat(NearestName.suggestion("transformer", DECODERS)).isEmpty();
    }
}
