package io.arcml.transport.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.transport.arm.SwaggerSpec.Operation;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one request the ARM transport sent against Azure's REST contract: the operation (method
 * and path) exists in the swagger, its {@code api-version} is the swagger file's, a body is sent
 * exactly when the operation takes one, and the body satisfies the operation's schema as
 * {@link SwaggerValidator} reads it. A job body's or a component's command refers only to inputs
 * and outputs it declares, and a pipeline's steps are checked as {@link PipelineStepContract} says.
 */
final class ArmRequestContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SwaggerSpec spec;
    private final SwaggerValidator validator;
    private final PipelineStepContract steps;

    ArmRequestContract() {
        this.spec = SwaggerSpec.load();
        this.validator = new SwaggerValidator(spec);
        this.steps = new PipelineStepContract(spec, validator);
    }

    /** The swagger files the contract was read from. */
    SwaggerSpec spec() {
        return spec;
    }

    /** The validator, for tests of its rules. */
    SwaggerValidator validator() {
        return validator;
    }

    /**
     * Every violation of the contract by one request.
     *
     * @param url the request's path and query, as sent
     * @param body the request body, or {@code null} or empty for none
     */
    List<ContractViolation> check(String method, String url, String body) {
        List<ContractViolation> out = new ArrayList<>();
        URI uri = URI.create(url);
        Optional<Operation> found = spec.operation(method, uri.getPath());
        if (found.isEmpty()) {
            out.add(new ContractViolation(
                    "OPERATION_NOT_FOUND", "", method + " " + uri.getPath() + " is no operation of the swagger"));
            return out;
        }
        Operation op = found.get();
        String apiVersion = query(uri, "api-version");
        if (!op.apiVersion().equals(apiVersion)) {
            out.add(new ContractViolation(
                    "API_VERSION_MISMATCH",
                    "",
                    "api-version " + apiVersion + " is not the swagger's " + op.apiVersion() + " for "
                            + op.template()));
        }
        boolean hasBody = body != null && !body.isBlank();
        if (op.body().isEmpty()) {
            if (hasBody) {
                out.add(new ContractViolation(
                        "BODY_NOT_ALLOWED", "", method + " " + op.template() + " takes no body, but one was sent"));
            }
            return out;
        }
        if (!hasBody) {
            if (op.bodyRequired()) {
                out.add(new ContractViolation("BODY_REQUIRED", "", method + " " + op.template() + " requires a body"));
            }
            return out;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            out.add(new ContractViolation("INVALID_CONTENT", "", "the body is not JSON: " + e.getOriginalMessage()));
            return out;
        }
        out.addAll(validator.validate(op.body().get(), json));
        jobChecks(json.path("properties"), out);
        return out;
    }

    private void jobChecks(JsonNode properties, List<ContractViolation> out) {
        switch (properties.path("jobType").asText("")) {
            case "Command" ->
                PipelineStepContract.commandReferences(
                        properties.path("command").asText(""), properties, "properties", out);
            case "Sweep" ->
                PipelineStepContract.commandReferences(
                        properties.path("trial").path("command").asText(""), properties, "properties.trial", out);
            case "Pipeline" -> steps.check(properties, "properties", out);
            default -> {
                if (properties.has("componentSpec")) {
                    JsonNode component = properties.path("componentSpec");
                    PipelineStepContract.commandReferences(
                            component.path("command").asText(""), component, "properties.componentSpec", out);
                }
            }
        }
    }

    private static String query(URI uri, String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0
                    && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
                            .equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
