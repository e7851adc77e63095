package io.arcml.testing;

/**
 * Whether a per-test environment's test has ended: once it has, what the environment hands out is
 * refused with a message that says why, so that state kept in a field cannot leak into the next test.
 */
final class TestLifetime {
    private final String testName;
    private final String what;
    private final String fix;
    private volatile boolean ended;

    /**
     * @param testName the test's display name
     * @param what what the environment holds, e.g. "arcml workspace"
     * @param fix what to inject instead of keeping it, e.g. "a Workspace"
     */
    TestLifetime(String testName, String what, String fix) {
        this.testName = testName;
        this.what = what;
        this.fix = fix;
    }

    /** The test's display name. */
    String testName() {
        return testName;
    }

    /** True once the test has ended. */
    boolean ended() {
        return ended;
    }

    /** Marks the test ended; true the first time only, when the environment is to be closed. */
    boolean end() {
        synchronized (this) {
            if (ended) {
                return false;
            }
            ended = true;
            return true;
        }
    }

    /** @throws IllegalStateException when the test has ended */
    void requireRunning() {
        if (ended) {
            throw new IllegalStateException(
                    "The " + what + " of test '" + testName + "' was closed when that test ended. " + "Inject " + fix
                            + " into each test (or its @BeforeEach method) instead of keeping one in a field across tests");
        }
    }
}
