package io.arcml.transport.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The expected texts are PyYAML's dump of the same files as azure-ai-ml 1.35.2 sends them. */
class CondaFileTextTest {
    @Test
    void aCondaFileIsWrittenAsTheCliSendsItWithKeysSortedAndListsAtTheirKeysIndent() {
        String conda = "name: train-env\n# the training environment\nchannels:\n  - conda-forge\n  - defaults\n"
                + "dependencies:\n  - python=3.10\n  - pip\n  - pip:\n    - torch==2.2.0\n    - azureml-mlflow\n"
                + "  - nvidia::cuda-toolkit\nvariables:\n  B: x\n  A: y\n";

        assertThat(CondaFileText.asCli(conda))
                .isEqualTo("channels:\n- conda-forge\n- defaults\ndependencies:\n- python=3.10\n- pip\n- pip:\n"
                        + "  - torch==2.2.0\n  - azureml-mlflow\n- nvidia::cuda-toolkit\nname: train-env\n"
                        + "variables:\n  A: y\n  B: x\n");
    }

    @Test
    void aFileThatPyYamlWouldQuoteOrFoldIsSentAsWritten() {
        String spaced = "dependencies:\n  - pip:\n    - --extra-index-url https://pkgs.example/simple\n";
        String numeric = "dependencies:\n  - python\nname: '3.10'\n";
        String reserved = "name: yes\n";

        assertThat(CondaFileText.asCli(spaced)).isEqualTo(spaced);
        assertThat(CondaFileText.asCli(numeric)).isEqualTo(numeric);
        assertThat(CondaFileText.asCli(reserved)).isEqualTo(reserved);
        assertThat(CondaFileText.asCli("- not a mapping\n")).isEqualTo("- not a mapping\n");
    }
}
