package io.arcml.transport.arm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {
    private static IgnoreRules rules(String... lines) {
        return IgnoreRules.parse(".amlignore", List.of(lines));
    }

    @Test
    void aPlainPatternMatchesAtAnyDepthAndEverythingInAMatchedFolder() {
        IgnoreRules r = rules("# comment", "", "__pycache__", "*.ckpt");
        assertThat(r.excludes("__pycache__/a.pyc")).isTrue();
        assertThat(r.excludes("pkg/__pycache__/a.pyc")).isTrue();
        assertThat(r.excludes("deep/model.ckpt")).isTrue();
        assertThat(r.excludes("train.py")).isFalse();
        assertThat(r.excludes("ckpt.py")).isFalse();
    }

    @Test
    void aSlashAnchorsThePatternAndATrailingSlashNamesFoldersOnly() {
        IgnoreRules r = rules("/data", "logs/", "docs/*.md");
        assertThat(r.excludes("data/x.csv")).isTrue();
        assertThat(r.excludes("src/data/x.csv")).isFalse();
        assertThat(r.excludes("logs/run.txt")).isTrue();
        assertThat(r.excludes("logs")).as("a file called logs").isFalse();
        assertThat(r.excludes("docs/a.md")).isTrue();
        assertThat(r.excludes("docs/sub/a.md")).isFalse();
    }

    @Test
    void doubleStarQuestionMarkClassesAndTheLastMatchDecides() {
        IgnoreRules r = rules("**/build/**", "run?.log", "*.[oa]", "*.txt", "!keep.txt");
        assertThat(r.excludes("a/b/build/x")).isTrue();
        assertThat(r.excludes("run1.log")).isTrue();
        assertThat(r.excludes("run12.log")).isFalse();
        assertThat(r.excludes("lib.o")).isTrue();
        assertThat(r.excludes("lib.c")).isFalse();
        assertThat(r.excludes("notes.txt")).isTrue();
        assertThat(r.excludes("keep.txt")).isFalse();
    }

    @Test
    void amlignoreWinsOverGitignoreAndNoFileExcludesNothing(@TempDir Path dir) throws IOException {
        assertThat(IgnoreRules.of(dir).excludes("anything")).isFalse();
        Files.writeString(dir.resolve(".gitignore"), "*.py\n");
        assertThat(IgnoreRules.of(dir).excludes("a.py")).isTrue();
        Files.writeString(dir.resolve(".amlignore"), "*.csv\n");
        assertThat(IgnoreRules.of(dir).source()).isEqualTo(".amlignore");
        assertThat(IgnoreRules.of(dir).excludes("a.py")).isFalse();
        assertThat(IgnoreRules.of(dir).excludes("a.csv")).isTrue();
    }

    /**
     * The expected answers are azure-ai-ml 1.35.2's ({@code IgnoreFile.is_file_excluded}, on
     * pathspec's gitignore patterns) for the same ignore file and paths, so arcml leaves out of an
     * upload, and out of its hash, what the CLI leaves out.
     */
    @Test
    void excludesWhatAzureMlsIgnoreFileExcludes() {
        IgnoreRules r = rules(
                "# comment",
                "*.ckpt",
                "logs/",
                "/build",
                "docs/*.md",
                "!docs/keep.md",
                "**/cache/**",
                "data?.csv",
                "[Tt]emp*",
                "a/**/z.txt",
                "  spaced.txt",
                "out/",
                "!out/keep.txt",
                "\\#hash.txt",
                "trail.txt   ");
        Map<String, Boolean> cli = Map.ofEntries(
                Map.entry("m.ckpt", true),
                Map.entry("src/m.ckpt", true),
                Map.entry("logs/x.txt", true),
                Map.entry("src/logs/x.txt", true),
                Map.entry("logs", false),
                Map.entry("build/o.bin", true),
                Map.entry("src/build/o.bin", false),
                Map.entry("build", true),
                Map.entry("docs/a.md", true),
                Map.entry("docs/keep.md", false),
                Map.entry("docs/sub/a.md", false),
                Map.entry("x/cache/y.bin", true),
                Map.entry("cache/y.bin", true),
                Map.entry("data1.csv", true),
                Map.entry("data12.csv", false),
                Map.entry("Temp1.txt", true),
                Map.entry("temp/x", true),
                Map.entry("tEmp", false),
                Map.entry("a/z.txt", true),
                Map.entry("a/b/c/z.txt", true),
                Map.entry("spaced.txt", true),
                Map.entry("out/a.txt", true),
                Map.entry("out/keep.txt", false),
                Map.entry("#hash.txt", true),
                Map.entry("trail.txt", true),
                Map.entry("keep.py", false));

        cli.forEach((path, excluded) -> assertThat(r.excludes(path)).as(path).isEqualTo(excluded));
    }
}
