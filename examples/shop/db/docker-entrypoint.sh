#!/usr/bin/env bash
# Entrypoint of the shop's PostgreSQL 15 image.
#
# It does what matters of the official postgres image's entrypoint:
#   - reads POSTGRES_USER (default postgres), POSTGRES_DB (default: the user) and
#     POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (needed only to initialise);
#   - if PGDATA holds no cluster yet: initdb, set the password, create the database, run
#     /docker-entrypoint-initdb.d/*.sql, *.sql.gz and *.sh once, against a server that listens on
#     the Unix socket only (so health checks over TCP fail until the real server is up);
#   - then execs postgres as the postgres user, so postgres is PID 1 and gets the stop signal
#     itself, listening on 0.0.0.0:5432 with scram-sha-256 password auth for TCP clients and
#     trust over the local Unix socket (for `podman exec ... psql`).
#
# The first initialisation happens in PGDATA/.initdb-staging and is moved into place only when
# every init script has succeeded, with PG_VERSION last. A container killed half-way through its
# first start therefore leaves no half-made cluster behind: the next start begins again.
set -Eeuo pipefail
shopt -s nullglob

log() { printf 'db-entrypoint: %s\n' "$*"; }
die() { printf 'db-entrypoint: error: %s\n' "$*" >&2; exit 1; }

# VAR_FILE names a file holding VAR's value (Compose/Skiff secrets); it is read while still root.
file_env() {
  local var="$1" file_var="${1}_FILE"
  local value="${!var:-}" file="${!file_var:-}"
  if [ -n "$value" ] && [ -n "$file" ]; then
    die "both $var and $file_var are set; set only one"
  fi
  if [ -n "$file" ]; then
    [ -r "$file" ] || die "$file_var names '$file', which cannot be read"
    value="$(< "$file")"   # like the official image: trailing newlines are dropped
  fi
  export "$var"="$value"
  unset "$file_var"
}

export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
staging="$PGDATA/.initdb-staging"

# `docker run IMAGE -c work_mem=64MB` means postgres with those options; any other command runs as is.
first="${1:-}"
if [ "${first:0:1}" = '-' ]; then
  set -- postgres "$@"
fi
if [ "${1:-}" != postgres ]; then
  exec "$@"
fi

file_env POSTGRES_PASSWORD

if [ "$(id -u)" = 0 ]; then
  # Only the top of the volume is fixed up, so a start on a large existing volume stays fast.
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  chmod 2775 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups \
    env HOME=/var/lib/postgresql "${BASH_SOURCE[0]}" "$@"
fi

user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"

run_init_scripts() {
  local psql=(psql -X -q -v ON_ERROR_STOP=1 --username "$user" --no-password)
  if [ "$db" != postgres ]; then
    log "creating database $db"
    "${psql[@]}" --dbname postgres --set db="$db" <<'SQL'
CREATE DATABASE :"db";
SQL
  fi
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then log "running $f"; "$f"; else log "sourcing $f"; . "$f"; fi ;;
      *.sql)    log "running $f"; "${psql[@]}" --dbname "$db" -f "$f" ;;
      *.sql.gz) log "running $f"; gzip -dc "$f" | "${psql[@]}" --dbname "$db" ;;
      *)        log "ignoring $f" ;;
    esac
  done
}

template=/var/lib/postgresql/template

# A new cluster: a copy of the one the image made at build time (much faster than initdb, which
# alone takes about 2 s on a small host), or initdb when POSTGRES_INITDB_ARGS asks for something
# the template does not have. Then the user, its password and the database, and the init scripts,
# on a temporary server that listens only on the socket.
initialise() {
  [ -n "${POSTGRES_PASSWORD:-}" ] ||
    die "$PGDATA is empty and no password is set: set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE"
  log "initialising a new cluster (user $user, database $db)"
  rm -rf "$staging"
  local final="$PGDATA"
  export PGDATA="$staging"   # init scripts that edit "$PGDATA/postgresql.conf" edit the new cluster
  if [ -z "${POSTGRES_INITDB_ARGS:-}" ] && [ -s "$template/PG_VERSION" ]; then
    cp -a "$template" "$staging"
  else
    # The whole initialisation runs without fsync (initdb --no-sync, fsync=off for the temporary
    # server): it is redone from scratch if interrupted, and `sync -f` below makes the result
    # durable before the real server starts.
    initdb --pgdata="$staging" --username=postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 --no-sync ${POSTGRES_INITDB_ARGS:-} >/dev/null
  fi
  cat > "$staging/pg_hba.conf" <<'HBA'
local   all       all            trust
host    all       all   all      scram-sha-256
HBA
  cat >> "$staging/postgresql.conf" <<'CONF'
listen_addresses = '0.0.0.0'
unix_socket_directories = '/var/run/postgresql'
password_encryption = 'scram-sha-256'
CONF
  pg_ctl --pgdata="$staging" --wait --timeout=60 --silent \
    -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql -c fsync=off -c synchronous_commit=off" start
  # psql reads the password from its environment (\getenv), never from a command line.
  psql -X -q -v ON_ERROR_STOP=1 --username postgres --dbname postgres --set user="$user" <<'SQL'
\getenv password POSTGRES_PASSWORD
SELECT format(CASE WHEN :'user' = 'postgres' THEN 'ALTER ROLE %I PASSWORD %L'
                   ELSE 'CREATE ROLE %I SUPERUSER LOGIN PASSWORD %L' END, :'user', :'password') \gexec
SQL
  run_init_scripts
  pg_ctl --pgdata="$staging" --wait --timeout=60 --silent --mode=fast stop
  find "$staging" -mindepth 1 -maxdepth 1 ! -name PG_VERSION -exec mv -t "$final" -- {} +
  mv "$staging/PG_VERSION" "$final/PG_VERSION"
  rmdir "$staging"
  sync -f "$final"
  export PGDATA="$final"
  log "initialisation complete"
}

if [ -s "$PGDATA/PG_VERSION" ]; then
  log "existing cluster found in $PGDATA (PostgreSQL $(cat "$PGDATA/PG_VERSION")); skipping initialisation"
else
  leftovers="$(find "$PGDATA" -mindepth 1 -maxdepth 1 ! -name .initdb-staging ! -name lost+found -printf '%f ')"
  [ -z "$leftovers" ] ||
    die "$PGDATA holds no PostgreSQL cluster but is not empty (${leftovers% }); refusing to touch it"
  [ ! -d "$staging" ] || log "a previous first start did not finish; starting the initialisation again"
  initialise
fi

unset POSTGRES_PASSWORD
exec "$@"
