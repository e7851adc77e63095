package io.arcml.internal.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration every codec of arcml binds with (the ARM bodies, the cluster records, the CLI
 * v2 YAML kinds, the workspace config file), on JSON and on YAML alike.
 */
class JacksonMappersTest {
    record Body(
            String name, int count, long bytes, double ratio, boolean enabled, String time, Map<String, String> tags) {}

    private static final List<ObjectMapper> BOTH = List.of(JacksonMappers.json(), JacksonMappers.yaml());

    @Test
    void fieldsAServiceAddsAreIgnored() throws Exception {
        assertThat(JacksonMappers.json()
                        .readValue("{\"name\":\"a\",\"addedLater\":{\"x\":1}}", Body.class)
                        .name())
                .isEqualTo("a");
        assertThat(JacksonMappers.yaml()
                        .readValue("name: a\naddedLater:\n  x: 1\n", Body.class)
                        .name())
                .isEqualTo("a");
    }

    @Test
    void aStringFieldTakesOnlyAString() {
        for (ObjectMapper mapper : BOTH) {
            for (String value : List.of("3", "2.5", "true")) {
                String text = mapper == JacksonMappers.json() ? "{\"name\": " + value + "}" : "name: " + value;
                assertThatThrownBy(() -> mapper.readValue(text, Body.class))
                        .as("%s into a string field", value)
                        .isInstanceOf(MismatchedInputException.class);
            }
        }
    }

    @Test
    void numbersBindToTheirFieldsAndLargeCountsKeepEveryDigit() throws Exception {
        Body json = JacksonMappers.json()
                .readValue("{\"count\": 7, \"bytes\": 68719476736, \"ratio\": 0.25, \"enabled\": true}", Body.class);
        Body yaml = JacksonMappers.yaml()
                .readValue("count: 7\nbytes: 68719476736\nratio: 0.25\nenabled: true\n", Body.class);

        assertThat(json).isEqualTo(yaml);
        assertThat(json.count()).isEqualTo(7);
        assertThat(json.bytes()).isEqualTo(68_719_476_736L);
        assertThat(json.ratio()).isEqualTo(0.25);
        assertThat(json.enabled()).isTrue();
    }

    @Test
    void timesStayTheTextOnTheWireForTheCodecToParse() throws Exception {
        assertThat(JacksonMappers.json()
                        .readValue("{\"time\": \"2024-01-02T03:04:05.1234567Z\"}", Body.class)
                        .time())
                .isEqualTo("2024-01-02T03:04:05.1234567Z");
        assertThat(JacksonMappers.yaml()
                        .readValue("time: \"2024-01-02T03:04:05Z\"\n", Body.class)
                        .time())
                .isEqualTo("2024-01-02T03:04:05Z");
    }

    @Test
    void aDocumentIsOneValue() throws Exception {
        assertThat(JacksonMappers.documentReader()
                        .readTree("{\"a\": 1}")
                        .get("a")
                        .asInt())
                .isEqualTo(1);
        assertThatThrownBy(() -> JacksonMappers.documentReader().readTree("{\"a\": 1}\n{\"a\": 2}"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void theMappersAreBuiltOnce() {
        assertThat(JacksonMappers.json()).isSameAs(JacksonMappers.json());
        assertThat(JacksonMappers.yaml()).isSameAs(JacksonMappers.yaml());
        assertThat(JacksonMappers.documentReader()).isSameAs(JacksonMappers.documentReader());
    }
}
