package io.arcml.yaml;

import io.arcml.ValidationException;

/**
 * A problem a job builder found, with its field named where it stands in the file: a sweep step's
 * {@code search_space.lr} is {@code jobs.tune.search_space.lr}.
 */
final class LocatedProblem extends ValidationException {
    private static final long serialVersionUID = 1L;

    LocatedProblem(String path, ValidationException problem) {
        super(path + "." + problem.getMessage(), path + "." + problem.field(), problem.value());
    }
}
