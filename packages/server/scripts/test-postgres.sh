#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster (Debian's postgresql package) on 127.0.0.1 for the server's
# store tests and prints its connection string, e.g.
#   export SWITCHBOARD_TEST_PG_URL="$(bash packages/server/scripts/test-postgres.sh)"
# The cluster lives in a temporary folder owned by the postgres user (initdb refuses to run as
# root); `test-postgres.sh stop <dir>` stops it. Port: the first free from $SWITCHBOARD_TEST_PG_PORT
# (default 54329). fsync is off: the cluster is thrown away, the tests prove restarts through the
# server, not the disk.
set -euo pipefail

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [[ -z "$bin" ]]; then
  echo "test-postgres.sh: no PostgreSQL server installed (apt-get install postgresql)" >&2
  exit 1
fi
as_pg() {
  if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [[ "${1:-start}" == "stop" ]]; then
  as_pg "$bin/pg_ctl" -D "$2" -m immediate stop >&2
  exit 0
fi

port="${SWITCHBOARD_TEST_PG_PORT:-54329}"
dir="$(mktemp -d /tmp/switchboard-pg.XXXXXX)"
if [[ "$(id -u)" == "0" ]]; then chown postgres: "$dir"; fi
as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1
# The first free port from $port on (another cluster may hold one).
started=""
for try in 0 1 2 3 4 5 6 7 8 9; do
  if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >&2; then
    started=1
    break
  fi
  port=$((port + 1))
done
if [[ -z "$started" ]]; then
  echo "test-postgres.sh: PostgreSQL did not start; see $dir/server.log" >&2
  exit 1
fi
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE ROLE switchboard LOGIN PASSWORD 'switchboard'" \
  -c "CREATE DATABASE switchboard_test OWNER switchboard" >&2
echo "postgres://switchboard:switchboard@127.0.0.1:$port/switchboard_test"
