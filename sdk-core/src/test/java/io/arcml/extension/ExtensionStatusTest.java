package io.arcml.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.ErrorDetail;
import io.arcml.compute.ProvisioningState;
import io.arcml.resource.ExtensionResource;
import io.arcml.resource.ResourceState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionStatusTest {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2024-01-02T03:04:05Z");

    private static ExtensionResource failedResource() {
        return new ExtensionResource(
                "/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c"
                        + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml",
                "azureml",
                AzureMLExtensionConfiguration.EXTENSION_TYPE,
                ResourceState.FAILED,
                "Failed",
                "1.1.60",
                "stable",
                true,
                "azureml",
                Map.of("enableTraining", "True"),
                List.of(new ExtensionResource.Message(
                        "InstallationFailed", "Failed", "Error", "Helm installation failed", TIME)),
                ErrorDetail.of("ExtensionOperationFailed", "pod healthcheck failed"),
                "principal-1");
    }

    @Test
    void ofCarriesEveryFieldOfTheControlPlanesResource() {
        ExtensionStatus status = ExtensionStatus.of(failedResource());

        assertThat(status)
                .isEqualTo(new ExtensionStatus(
                        failedResource().id(),
                        "azureml",
                        AzureMLExtensionConfiguration.EXTENSION_TYPE,
                        ProvisioningState.FAILED,
                        "Failed",
                        "1.1.60",
                        "stable",
                        true,
                        "azureml",
                        Map.of("enableTraining", "True"),
                        List.of(new ExtensionStatus.Message(
                                "InstallationFailed", "Failed", "Error", "Helm installation failed", TIME)),
                        ErrorDetail.of("ExtensionOperationFailed", "pod healthcheck failed"),
                        "principal-1"));
        assertThat(status.isAzureML()).isTrue();
    }

    @Test
    void ofMapsEveryResourceStateToTheProvisioningStateOfTheSameWord() {
        for (ResourceState state : ResourceState.values()) {
            ExtensionResource resource =
                    new ExtensionResource(null, "e", "t", state, null, null, null, false, null, null, null, null, null);
            assertThat(ExtensionStatus.of(resource).provisioningState().resourceState())
                    .isEqualTo(state);
            assertThat(ExtensionStatus.of(resource).provisioningState()).hasToString(state.toString());
        }
    }

    @Test
    void aResourceWithoutAStateIsUnknown() {
        ExtensionResource resource =
                new ExtensionResource(null, "e", "t", null, null, null, null, false, null, null, null, null, null);

        assertThat(ExtensionStatus.of(resource).provisioningState()).isEqualTo(ProvisioningState.UNKNOWN);
    }

    @Test
    void theResourcePrintsSettingNamesButNotTheirValues() {
        ExtensionResource resource = new ExtensionResource(
                null,
                "e",
                "t",
                ResourceState.SUCCEEDED,
                null,
                null,
                null,
                false,
                "azureml",
                Map.of("storage.accountKey", "not-for-printing"),
                null,
                null,
                null);

        assertThat(resource.toString())
                .contains("storage.accountKey")
                .contains("Succeeded")
                .doesNotContain("not-for-printing");
    }
}
