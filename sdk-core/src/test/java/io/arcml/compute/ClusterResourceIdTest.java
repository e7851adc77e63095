package io.arcml.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterResourceIdTest {

    @Test
    void parsesAnAksClusterId() {
        ClusterResourceId id = ClusterResourceId.parse(
                "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourcegroups/testrg123/providers/Microsoft.ContainerService/managedClusters/compute123-56826-c9b00420020b2");

        assertThat(id.kind()).isEqualTo(ClusterResourceId.Kind.AKS);
        assertThat(id.subscriptionId()).isEqualTo("34adfa4f-cedf-4dc0-ba29-b6d1a69ab345");
        assertThat(id.resourceGroup()).isEqualTo("testrg123");
        assertThat(id.clusterName()).isEqualTo("compute123-56826-c9b00420020b2");
    }

    @Test
    void parsesAnArcClusterIdCaseInsensitively() {
        ClusterResourceId id = ClusterResourceId.parse(
                "/SUBSCRIPTIONS/123/RESOURCEGROUPS/rg/PROVIDERS/microsoft.kubernetes/CONNECTEDCLUSTERS/amlarc");

        assertThat(id.kind()).isEqualTo(ClusterResourceId.Kind.ARC);
        assertThat(id).isEqualTo(ClusterResourceId.arc("123", "rg", "amlarc"));
        assertThat(id.hashCode())
                .isEqualTo(ClusterResourceId.arc("123", "rg", "amlarc").hashCode());
    }

    @Test
    void dropsATrailingSlash() {
        assertThat(ClusterResourceId.parse(
                        "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c/"))
                .hasToString("/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
                "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters",
                "subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c",
                "/subscriptions/1/providers/Microsoft.Kubernetes/connectedClusters/c",
                "amlarc-cluster"
            })
    void rejectsIdsOfOtherResources(String id) {
        assertThatThrownBy(() -> ClusterResourceId.parse(id))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("resourceId: '" + id + "'")
                .hasMessageContaining("Microsoft.ContainerService/managedClusters")
                .hasMessageContaining("Microsoft.Kubernetes/connectedClusters");
    }

    @Test
    void requiresAnId() {
        assertThatThrownBy(() -> ClusterResourceId.parse(null))
                .hasMessageStartingWith("resourceId: missing is required");
    }
}
