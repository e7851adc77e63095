package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code environment: file:./env.yml}: the environment written in its own YAML file, as the CLI
 * reads it, with the paths in that file relative to its own folder.
 */
class EnvironmentFileYamlTest {
    @TempDir
    Path dir;

    private CommandJob read(String job) throws Exception {
        Path file = dir.resolve("job.yml");
        Files.writeString(file, job);
        return JobYaml.read(file).commandJob();
    }

    @Test
    void anImageWithItsCondaFileAndNameIsReadFromTheEnvironmentsFile() throws Exception {
        Path envDir = Files.createDirectories(dir.resolve("environments/cpu"));
        Files.writeString(
                envDir.resolve("env.yml"),
                "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\n"
                        + "name: sklearn-env\nversion: \"3\"\nimage: python:3.11\nconda_file: conda.yml\n");
        Files.writeString(envDir.resolve("conda.yml"), "dependencies:\n- python=3.11\n");

        CommandJob job = read("command: python t.py\nenvironment: file:./environments/cpu/env.yml\n");

        assertThat(job.image()).isEqualTo("python:3.11");
        assertThat(job.condaFile()).isEqualTo("dependencies:\n- python=3.11\n");
        assertThat(job.environmentId()).isEqualTo("azureml:sklearn-env:3");
    }

    @Test
    void aBuildContextInTheEnvironmentsFileIsItsFolder() throws Exception {
        Path envDir = Files.createDirectories(dir.resolve("environments/azureml"));
        Files.writeString(envDir.resolve("env.yml"), "name: nccl\nversion: v1\nbuild:\n  path: .\n");

        CommandJob job = read("command: ./run.sh\nenvironment: file:environments/azureml/env.yml\n");

        assertThat(job.dockerBuild().localContext())
                .isEqualTo(envDir.toAbsolutePath().normalize());
        assertThat(job.environmentId()).isEqualTo("azureml:nccl:v1");
    }

    @Test
    void theEnvironmentFilesProblemsAreNamedUnderEnvironmentWithTheJobsOthers() throws Exception {
        Files.writeString(dir.resolve("env.yml"), "image: python:3.11\nimgae: typo\nos_type: windows\n");

        ValidationException e = catchThrowableOfType(
                () -> read("command: t\nenvironment: file:./env.yml\ncomand: typo\n"), ValidationException.class);

        assertThat(e.getMessage())
                .contains("environment.imgae")
                .contains("comand")
                .contains("environment.os_type: 'windows' is not supported");
    }

    @Test
    void aMissingEnvironmentFileNamesWhereItWasLookedFor() {
        ValidationException e = catchThrowableOfType(
                () -> read("command: t\nenvironment: file:./envs/env.yml\n"), ValidationException.class);

        assertThat(e.getMessage())
                .startsWith("environment: './envs/env.yml' cannot be read")
                .contains(dir.resolve("./envs/env.yml").toString())
                .contains("no such file")
                .contains("Put the environment's YAML file there");
    }
}
