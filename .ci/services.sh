#!/usr/bin/env bash
# Starts the services the tests need (PostgreSQL, Redis) and prints the environment to use them.
# Idempotent: safe to run when they are already up.
set -euo pipefail

start_postgres() {
  if ! command -v pg_lsclusters >/dev/null 2>&1; then
    echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2
    return 1
  fi
  local line ver name
  line=$(pg_lsclusters --no-header | head -n 1 || true)
  if [ -z "$line" ]; then
    ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    pg_createcluster "$ver" main >/dev/null
    line=$(pg_lsclusters --no-header | head -n 1)
  fi
  ver=$(echo "$line" | awk '{print $1}')
  name=$(echo "$line" | awk '{print $2}')
  if ! echo "$line" | grep -q online; then
    pg_ctlcluster "$ver" "$name" start
  fi
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres';\"" >/dev/null
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Redis is not installed (apt-get install -y redis-server)" >&2
    return 1
  fi
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    # No persistence: the live feed is pub/sub only.
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  fi
  for _ in $(seq 1 30); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "Redis did not answer on 127.0.0.1:6379" >&2
  return 1
}

start_postgres
echo "PostgreSQL ready on 127.0.0.1:5432"
start_redis
echo "Redis ready on 127.0.0.1:6379"
