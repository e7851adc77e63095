package io.arcml.yaml;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A key a bound YAML mapping must give with a value: Jackson refuses the mapping when it is left
 * out or empty, and {@link YamlBinding} reports it as {@code is required} with {@link #value()}
 * as the fix.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@JacksonAnnotationsInside
@JsonProperty(required = true)
@JsonSetter(nulls = Nulls.FAIL)
@interface Required {
    /** What to write, e.g. {@code Give pytorch, mpi or tensorflow}. */
    String value();
}
