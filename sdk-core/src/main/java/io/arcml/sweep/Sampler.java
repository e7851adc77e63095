package io.arcml.sweep;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes the hyperparameters of the next trial. Deterministic: the same algorithm, space, seed
 * and history give the same proposals, so a restarted sweep resumes where it was.
 */
public interface Sampler {

    /**
     * The next assignment, or empty when the algorithm has nothing more to propose (a grid that
     * is done).
     *
     * @param history the trials proposed so far, in order, with the metrics of those that ended
     */
    Optional<Map<String, Object>> next(List<TrialResult> history);
}
