# Sourced by the benchmark scripts: starts target/klaviyo-sandbox.jar on a free port in the background.
# Usage: start_sandbox SANDBOX_JAR LOG_FILE [sandbox options...]; sets SANDBOX_URL and SANDBOX_PID.
SANDBOX_KEY=pk_sandbox_00000000000000000000000000000000

start_sandbox() {
  local jar=$1 log=$2
  shift 2
  java -Xmx1g -jar "$jar" --port 0 "$@" >"$log" 2>&1 &
  SANDBOX_PID=$!
  for _ in $(seq 1 600); do
    SANDBOX_URL=$(grep -o 'listening on http://[0-9.:]*' "$log" | sed 's/listening on //')
    [ -n "$SANDBOX_URL" ] && return 0
    kill -0 "$SANDBOX_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "sandbox did not start; see $log" >&2
  return 1
}

stop_sandbox() {
  kill "$SANDBOX_PID" 2>/dev/null
  wait "$SANDBOX_PID" 2>/dev/null
}

admin() { # admin METHOD PATH [JSON]
  curl -sf -X "$1" -H 'Content-Type: application/json' ${3:+-d "$3"} "$SANDBOX_URL$2" >/dev/null
}
