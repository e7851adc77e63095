package io.arcml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.arcml.ValidationException;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Named(String name, Inner inner) {}

    record Inner(String value) {}

    @Test
    void jsonAndYamlShareOneConfiguration() throws Exception {
        assertThatThrownBy(() -> Json.mapper().readValue("{\"name\": 3}", Named.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> Json.yamlMapper().readValue("name: 3", Named.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThat(Json.yamlMapper()
                        .readValue("name: \"3\"\nadded: by a service", Named.class)
                        .name())
                .isEqualTo("3");
    }

    @Test
    void aDocumentUsersWroteIsOneValue() {
        assertThatThrownBy(() -> Json.readDocument("{\"a\": 1}\n{\"a\": 2}"))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.strictReaderFor(Named.class).readValue("{\"name\": \"a\"} ]"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void strictBindingNamesTheUnknownKeyItsSiblingsAndTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> Json.bindStrictly(
                        Json.readDocument("{\"inner\": {\"valu\": \"x\", \"other\": 1}}"), Named.class, "file"))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "inner.valu: 'valu' is not a known key (nor are [other]). Use only [value] under inner; keys are case-sensitive");
    }

    @Test
    void strictBindingNamesAValueOfTheWrongType() throws Exception {
        assertThatThrownBy(() -> Json.bindStrictly(Json.readDocument("{\"inner\": [1]}"), Named.class, "file"))
                .hasMessageStartingWith("inner: '[1]' is not a JSON object");
        assertThatThrownBy(() -> Json.bindStrictly(Json.readDocument("\"text\""), Named.class, "file"))
                .hasMessageStartingWith("file: 'text' is not a JSON object");
    }
}
