/**
 * The one configured Jackson mapper of arcml, for JSON and for YAML ({@link io.arcml.internal.jackson.JacksonMappers}).
 *
 * <p>Layer rule: this package uses Jackson only, no other package of arcml, so that every package
 * (the bottom package {@code io.arcml} included) can read and write JSON on the same configuration.
 */
package io.arcml.internal.jackson;
