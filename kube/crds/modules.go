// Package crds pins the modules whose API types and manifests give the control plane its
// CustomResourceDefinitions.
package crds

import (
	_ "volcano.sh/apis/pkg/apis/batch/v1alpha1"
	_ "volcano.sh/apis/pkg/apis/scheduling/v1beta1"
)
