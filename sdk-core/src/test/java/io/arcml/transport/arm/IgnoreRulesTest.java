package io.arcml.transport.arm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
