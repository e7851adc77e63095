//go:build tools

// Package trainingoperator pins the module whose controller command the control plane builds.
package trainingoperator

import _ "github.com/kubeflow/training-operator/cmd/training-operator.v1"
