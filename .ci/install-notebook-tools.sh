#!/usr/bin/env bash
# Installs what the notebook test (sdk-samples QuickstartNotebookTest) needs, idempotently:
#   - Debian's Jupyter: jupyter-nbconvert, nbclient, jupyter-client (the headless notebook runner)
#   - rapaio-jupyter-kernel, a JShell-based Java kernel, from Maven Central, copied to
#     $ARCML_NOTEBOOK_HOME/rapaio-jupyter-kernel.jar (default ~/.cache/arcml-notebook)
#   - reports the JDK the kernel runs on ($ARCML_NOTEBOOK_JAVA, default Temurin 25; the test falls
#     back to the JDK running it, 17, on which the kernel runs too)
# Only Debian's repositories and Maven Central are contacted. Run as root (CI and the
# development machines are) or with apt-get already done.
set -euo pipefail

KERNEL_ARTIFACT="io.github.padreati:rapaio-jupyter-kernel:3.0.1"
NOTEBOOK_HOME="${ARCML_NOTEBOOK_HOME:-$HOME/.cache/arcml-notebook}"
KERNEL_JAVA="${ARCML_NOTEBOOK_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
DEBIAN_PACKAGES=(jupyter-nbconvert python3-nbclient python3-jupyter-client jupyter-client python3-ipykernel)

log() { echo "install-notebook-tools: $*"; }

missing_packages=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing_packages+=("$p")
done
if ((${#missing_packages[@]})); then
  log "installing Debian packages: ${missing_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing_packages[@]}" >/dev/null
else
  log "Debian packages already installed"
fi
# Debian's jupyter runs on /usr/bin/python3, whatever python3 comes first on PATH.
/usr/bin/jupyter-nbconvert --version >/dev/null

jar="$NOTEBOOK_HOME/rapaio-jupyter-kernel.jar"
version_file="$NOTEBOOK_HOME/rapaio-jupyter-kernel.version"
if [[ -f "$jar" && -f "$version_file" && "$(cat "$version_file")" == "$KERNEL_ARTIFACT" ]]; then
  log "kernel $KERNEL_ARTIFACT already at $jar"
else
  log "fetching $KERNEL_ARTIFACT from Maven Central"
  mkdir -p "$NOTEBOOK_HOME"
  # From a directory without a pom, so that no project build is involved.
  (cd "$NOTEBOOK_HOME" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$KERNEL_ARTIFACT" -DoutputDirectory="$NOTEBOOK_HOME" -Dmdep.stripVersion=true)
  echo "$KERNEL_ARTIFACT" > "$version_file"
fi

if [[ -x "$KERNEL_JAVA" ]]; then
  log "kernel JDK: $("$KERNEL_JAVA" -version 2>&1 | head -1)"
else
  log "$KERNEL_JAVA is not there: when that is the default, the test runs the kernel on the JDK running the tests"
fi
log "ready"
