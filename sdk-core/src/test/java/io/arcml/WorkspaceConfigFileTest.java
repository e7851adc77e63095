package io.arcml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceConfigFileTest {
    private static final String CONFIG =
            "{\"subscription_id\": \"sub-1\", \"resource_group\": \"rg\", \"workspace_name\": \"ws\"}";

    @TempDir
    Path root;

    @Test
    void findsTheAzuremlFolderInAParent() throws Exception {
        Files.createDirectories(root.resolve(".azureml"));
        Files.writeString(root.resolve(".azureml/config.json"), CONFIG);
        Path deep = Files.createDirectories(root.resolve("a/b/c"));

        assertThat(WorkspaceConfigFile.read(deep)).isEqualTo(new WorkspaceId("sub-1", "rg", "ws"));
        assertThat(WorkspaceConfigFile.find(deep)).isEqualTo(root.resolve(".azureml/config.json"));
    }

    @Test
    void prefersTheNearestFolderAndAzuremlOverPlainConfig() throws Exception {
        Files.writeString(root.resolve("config.json"), CONFIG.replace("ws\"", "outer\""));
        Path inner = Files.createDirectories(root.resolve("project"));
        Files.writeString(inner.resolve("config.json"), CONFIG.replace("ws\"", "plain\""));
        Files.createDirectories(inner.resolve(".azureml"));
        Files.writeString(inner.resolve(".azureml/config.json"), CONFIG);

        assertThat(WorkspaceConfigFile.read(inner).workspaceName()).isEqualTo("ws");
    }

    @Test
    void readsAFileGivenDirectly() throws Exception {
        Path f = Files.writeString(root.resolve("my-ws.json"), CONFIG);
        assertThat(WorkspaceConfigFile.read(f).subscriptionId()).isEqualTo("sub-1");
    }

    @Test
    void aMissingKeyIsNamed() throws Exception {
        Path f = Files.writeString(
                root.resolve("config.json"), "{\"subscription_id\": \"s\", \"workspace_name\": \"w\"}");
        assertThatThrownBy(() -> WorkspaceConfigFile.read(f))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("resource_group: missing is missing or empty");
    }

    @Test
    void malformedJsonIsReported() throws Exception {
        Path f = Files.writeString(root.resolve("config.json"), "{subscription_id: }");
        assertThatThrownBy(() -> WorkspaceConfigFile.read(f)).hasMessageContaining("is not valid JSON");
    }

    @Test
    void noFileAnywhereSaysHowToGetOne() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        // The temporary folder's parents may hold a config.json of their own; only assert when they do not.
        boolean parentsHaveOne = false;
        for (Path p = root.getParent(); p != null; p = p.getParent()) {
            parentsHaveOne |= Files.exists(p.resolve("config.json")) || Files.exists(p.resolve(".azureml/config.json"));
        }
        Assumptions.assumeFalse(parentsHaveOne);
        assertThatThrownBy(() -> WorkspaceConfigFile.read(empty))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("No workspace config.json found")
                .hasMessageContaining("Download config.json");
    }

    @Test
    void workspaceIdPartsAreValidated() {
        assertThatThrownBy(() -> new WorkspaceId("sub", "rg with space", "ws"))
                .hasMessageStartingWith("resource_group: 'rg with space'");
        assertThat(new WorkspaceId("sub", "rg", "ws").resourceId())
                .isEqualTo(
                        "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws");
    }
}
