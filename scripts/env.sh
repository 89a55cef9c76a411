# Sourced by the scripts: puts a Go installed by deps.sh on PATH and lets
# an older Go fetch the version go.mod asks for (Debian's Go defaults to
# GOTOOLCHAIN=local, which would refuse).
export PATH="$HOME/.local/go/bin:$PATH"
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
if [[ "$GOTOOLCHAIN" == local ]]; then export GOTOOLCHAIN=auto; fi
