package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/** What an API server stored of an object, compared with what was sent. */
final class StoredObjects {

    private StoredObjects() {}

    /**
     * Asserts that every field sent is stored with the value sent: a CRD's structural schema drops
     * the fields it does not declare without an error. Fields the server added (defaults) are allowed.
     */
    static void assertKeepsEverything(KubernetesClient client, Object sent, Object stored) {
        KubernetesSerialization json = client.getKubernetesSerialization();
        compare("spec", json.convertValue(sent, Object.class), json.convertValue(stored, Object.class));
    }

    private static void compare(String path, Object sent, Object stored) {
        if (sent instanceof Map<?, ?> sentMap) {
            assertThat(stored).as("%s as stored", path).isInstanceOf(Map.class);
            Map<?, ?> storedMap = (Map<?, ?>) stored;
            sentMap.forEach((key, value) -> {
                assertThat(storedMap.containsKey(key))
                        .as("%s.%s is stored (or was it pruned by the schema?)", path, key)
                        .isTrue();
                compare(path + "." + key, value, storedMap.get(key));
            });
        } else if (sent instanceof List<?> sentList) {
            assertThat(stored).as("%s as stored", path).isInstanceOf(List.class);
            List<?> storedList = (List<?>) stored;
            assertThat(storedList).as("%s as stored", path).hasSameSizeAs(sentList);
            for (int i = 0; i < sentList.size(); i++) {
                compare(path + "[" + i + "]", sentList.get(i), storedList.get(i));
            }
        } else {
            // JSON numbers may come back as another Number type; quantities may come back as strings.
            assertThat(String.valueOf(stored)).as("%s as stored", path).isEqualTo(String.valueOf(sent));
        }
    }
}
