package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.internal.Json;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** arcml's one mapper converts fabric8's models, as the renderer and the simulated controllers do. */
class Fabric8ConversionTest {
    private static final PodSpec SPEC = new PodSpecBuilder()
            .addNewContainer()
            .withName("c")
            .withImage("busybox")
            .withNewResources()
            .addToLimits("memory", new Quantity("4Gi"))
            .endResources()
            .endContainer()
            .addNewToleration()
            .withKey("k")
            .withOperator("Exists")
            .withTolerationSeconds(5L)
            .endToleration()
            .build();

    @Test
    void aPodSpecConvertsToItself() {
        assertThat(Json.mapper().convertValue(SPEC, PodSpec.class)).isEqualTo(SPEC);
    }

    @Test
    void aPodTemplateConvertsToAMapAndBack() {
        PodTemplateSpec template = new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withName("t")
                .endMetadata()
                .withSpec(SPEC)
                .build();

        Map<?, ?> map = Json.mapper().convertValue(template, Map.class);

        assertThat(Json.mapper().convertValue(map, PodTemplateSpec.class)).isEqualTo(template);
    }
}
