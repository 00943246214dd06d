# Sourced by bin/test, bin/aws-emulator, bin/bench and bin/lambda-invoke: sets up the tools the tests need, inside the project.
# Everything lands in .tools/ (not in git); system packages are installed only when running as root.

HIKESHI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HIKESHI_TOOLS="$HIKESHI_ROOT/.tools"
HIKESHI_PYTHON="$HIKESHI_TOOLS/python/bin/python"

say() { echo "== $*" >&2; }

# apt-get install, only as root (CI, a fresh container); returns 1 otherwise, so the caller can skip.
system_install() {
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null || return 1
  say "installing $* (Debian packages)"
  if [ -z "${HIKESHI_APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    HIKESHI_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# A project-local Python with bin/lib/python-requirements.txt installed; reinstalled when the file changes.
# Prints nothing on success; returns 1 (with the reason on stderr) when it cannot be made.
ensure_python_env() {
  local requirements="$HIKESHI_ROOT/bin/lib/python-requirements.txt" stamp="$HIKESHI_TOOLS/python/.requirements"
  if [ -x "$HIKESHI_PYTHON" ] && cmp -s "$requirements" "$stamp"; then
    return 0
  fi
  command -v python3 >/dev/null || system_install python3 python3-venv || { echo "no python3" >&2; return 1; }
  say "Python tools into .tools/python ($(grep -cE '^[a-z]' "$requirements") packages, pinned in bin/lib/python-requirements.txt)"
  rm -rf "$HIKESHI_TOOLS/python"
  if ! python3 -m venv "$HIKESHI_TOOLS/python" >/dev/null 2>&1; then
    system_install python3-venv && python3 -m venv "$HIKESHI_TOOLS/python" \
      || { echo "python3 cannot make a virtual environment (Debian: apt-get install python3-venv)" >&2; return 1; }
  fi
  "$HIKESHI_PYTHON" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2 \
    || { echo "pip could not install bin/lib/python-requirements.txt" >&2; return 1; }
  cp "$requirements" "$stamp"
}

# Starts the AWS emulator on a free loopback port (bound by the emulator itself, never probed first) and
# sets HIKESHI_EMULATOR_ENDPOINT; HIKESHI_EMULATOR_PID names its process. Returns 1 if it cannot start.
start_aws_emulator() {
  local log="$HIKESHI_TOOLS/aws-emulator.log" address="$HIKESHI_TOOLS/aws-emulator.endpoint" endpoint=""
  mkdir -p "$HIKESHI_TOOLS"
  : >"$address"
  "$HIKESHI_PYTHON" "$HIKESHI_ROOT/bin/lib/aws_emulator.py" >"$address" 2>"$log" &
  HIKESHI_EMULATOR_PID=$!
  for _ in $(seq 1 600); do  # up to 2 minutes: the first start imports every moto backend
    endpoint=$(head -1 "$address")
    [ -n "$endpoint" ] || ! kill -0 "$HIKESHI_EMULATOR_PID" 2>/dev/null && break
    sleep 0.2
  done
  case "$endpoint" in
    http://*) export HIKESHI_EMULATOR_ENDPOINT="$endpoint" ;;
    *) echo "the AWS emulator did not start; its log ($log):" >&2; tail -20 "$log" >&2; stop_aws_emulator; return 1 ;;
  esac
}

stop_aws_emulator() {
  [ -n "${HIKESHI_EMULATOR_PID:-}" ] && kill "$HIKESHI_EMULATOR_PID" 2>/dev/null || true
  unset HIKESHI_EMULATOR_ENDPOINT HIKESHI_EMULATOR_PID
}

# The Lambda Runtime Interface Emulator (RIE), built from its Go module into .tools/bin (AWS publishes no
# other package of it that a registry serves). Pinned: the version the Go module proxy serves here.
HIKESHI_RIE_MODULE="github.com/aws/aws-lambda-runtime-interface-emulator"
HIKESHI_RIE_VERSION="v0.0.0-20261030222936-bef5c4ba774d"
HIKESHI_RIE="$HIKESHI_TOOLS/bin/aws-lambda-rie"

# Installs RIE unless the pinned version is there. Returns 1 (with the reason on stderr) when it cannot.
ensure_lambda_rie() {
  local stamp="$HIKESHI_TOOLS/bin/.aws-lambda-rie-version"
  if [ -x "$HIKESHI_RIE" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$HIKESHI_RIE_VERSION" ]; then
    return 0
  fi
  if ! command -v go >/dev/null; then
    echo "the Lambda Runtime Interface Emulator is not installed and there is no Go to build it with" \
         "(it needs Go 1.26.6 or newer: https://go.dev/dl/)" >&2
    return 1
  fi
  say "Lambda Runtime Interface Emulator into .tools/bin (go install $HIKESHI_RIE_MODULE/cmd/aws-lambda-rie@$HIKESHI_RIE_VERSION)"
  mkdir -p "$HIKESHI_TOOLS/bin"
  GOBIN="$HIKESHI_TOOLS/bin" GOFLAGS=-mod=mod go install "$HIKESHI_RIE_MODULE/cmd/aws-lambda-rie@$HIKESHI_RIE_VERSION" >&2 \
    || { echo "go install of the Lambda Runtime Interface Emulator failed (see above)" >&2; return 1; }
  echo "$HIKESHI_RIE_VERSION" >"$stamp"
}
