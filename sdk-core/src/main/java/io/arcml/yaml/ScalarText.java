package io.arcml.yaml;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text key of a YAML file: any scalar is taken as the text YAML wrote ({@code version: 3} is
 * {@code "3"}, as the Azure ML CLI reads it), a list or a mapping is refused. arcml's mapper
 * otherwise takes only a string where text is expected, which is right for JSON from a service
 * and wrong for YAML people write.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@JacksonAnnotationsInside
@JsonDeserialize(using = ScalarText.Reader.class)
@interface ScalarText {
    /** Reads a scalar as its text. */
    final class Reader extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.currentToken().isScalarValue()
                    ? p.getText()
                    : (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }
}
