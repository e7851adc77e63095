package io.arcml.transport.arm;

/**
 * One way a request breaks Azure's REST contract, named with the error codes of Azure's own
 * validator ({@code oav}): {@code OBJECT_MISSING_REQUIRED_PROPERTY}, {@code OBJECT_ADDITIONAL_PROPERTIES},
 * {@code READONLY_PROPERTY_NOT_ALLOWED_IN_REQUEST}, {@code INVALID_TYPE}, {@code INVALID_FORMAT},
 * {@code ENUM_MISMATCH}, {@code ENUM_CASE_MISMATCH}, {@code PATTERN}, {@code MIN_LENGTH}, {@code MAX_LENGTH},
 * {@code MINIMUM}, {@code MAXIMUM}, {@code DISCRIMINATOR_VALUE_NOT_FOUND}; and, for the request as a whole,
 * {@code OPERATION_NOT_FOUND}, {@code BODY_REQUIRED}, {@code BODY_NOT_ALLOWED}, {@code API_VERSION_MISMATCH},
 * and for what Azure ML says of job bodies beyond the swagger: {@code PIPELINE_STEP} (a step's node keys),
 * {@code PIPELINE_BINDING} (a step input bound to no step output or pipeline input) and
 * {@code UNDECLARED_REFERENCE} (a command's {@code ${{inputs.x}}} or {@code ${{outputs.x}}} that the job does not declare).
 *
 * @param code the rule that was broken
 * @param path where in the body, e.g. {@code properties.samplingAlgorithm.seed}
 * @param message what was found and what the contract wants
 */
record ContractViolation(String code, String path, String message) {

    @Override
    public String toString() {
        return code + " at " + (path.isEmpty() ? "<body>" : path) + ": " + message;
    }
}
