package io.arcml.samples.bench;

import java.util.List;

/**
 * The order in which the sweep fan-out's three compared arms take a turn, one batch each back to
 * back: the six orders of three, one per turn, so that over every six turns each arm goes first,
 * second and third twice and follows each other arm as often as it precedes it. {@code submitJob}
 * and the first typed creates change which of the two goes first at every turn, as they did when
 * only the two were compared.
 */
final class TurnOrder {
    /** An arm the fan-out compares batch by batch. */
    enum Arm {
        /** Trials submitted through {@code submitJob}. */
        ARCML,
        /** The same Jobs created through fabric8's typed API. */
        TYPED,
        /** The same Jobs under names of their own, created through fabric8's typed API again: the A/A control. */
        TYPED_AGAIN;

        /** This arm's batches in that round. */
        FanOutArm in(SweepFanOut.Round round) {
            return switch (this) {
                case ARCML -> round.arcml();
                case TYPED -> round.typed();
                case TYPED_AGAIN -> round.typedAgain();
            };
        }
    }

    private static final List<List<Arm>> ORDERS = List.of(
            List.of(Arm.ARCML, Arm.TYPED, Arm.TYPED_AGAIN),
            List.of(Arm.TYPED, Arm.TYPED_AGAIN, Arm.ARCML),
            List.of(Arm.TYPED_AGAIN, Arm.ARCML, Arm.TYPED),
            List.of(Arm.TYPED, Arm.ARCML, Arm.TYPED_AGAIN),
            List.of(Arm.ARCML, Arm.TYPED_AGAIN, Arm.TYPED),
            List.of(Arm.TYPED_AGAIN, Arm.TYPED, Arm.ARCML));

    private TurnOrder() {}

    /** The arms in the order they take the turn of that index, counted over the whole run from 0. */
    static List<Arm> of(int turn) {
        return ORDERS.get(Math.floorMod(turn, ORDERS.size()));
    }
}
