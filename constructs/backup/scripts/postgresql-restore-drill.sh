#!/bin/bash
# Restore drill for PostgreSQL. "prepare" (pgBackRest image): `pgbackrest verify` checks every file of
# the fetched repository against its checksums, then `pgbackrest restore` rebuilds the latest set
# (full + incrementals) into an empty data directory, recovering to the end of the backup.
# "verify" (the server image, which has pgBackRest for archive-get): start a scratch postgres without
# networking, wait for recovery to finish, check the canary rows and every table with pg_amcheck.
source /opt/backup/lib.sh
require_env STORE SCRATCH STANZA
stage="${1:?usage: postgresql-restore-drill.sh prepare|verify}"
sets="$SCRATCH/backup/sets"
mapfile -t chain < "$SCRATCH/restore-chain"
count="${#chain[@]}"
pgdata="$SCRATCH/pgdata"
export PGBACKREST_REPO1_PATH="$SCRATCH/backup/pgbackrest" PGBACKREST_PG1_PATH="$pgdata" PGBACKREST_LOCK_PATH=/tmp/pgbackrest PGBACKREST_LOG_PATH=/tmp

if [ "$stage" = prepare ]; then
  for set_id in "${chain[@]}"; do verify_checksums "$sets/$set_id"; done
  label="$(sed -n 's/^label=//p' "$sets/${chain[$count-1]}/pgbackrest.label")"
  [ -n "$label" ] || die "set ${chain[$count-1]} names no pgBackRest label"
  pgbackrest --stanza="$STANZA" verify
  mkdir -p "$pgdata" && chmod 0700 "$pgdata"
  [ -z "$(ls -A "$pgdata")" ] || die "$pgdata is not empty"
  pgbackrest --stanza="$STANZA" restore --set="$label" --type=immediate --target-action=promote
  log "restored pgBackRest set $label into $pgdata"
  exit 0
fi

[ "$stage" = verify ] || die "unknown stage $stage"
superuser="${DRILL_SUPERUSER:-postgres}"
printf 'local all all trust\n' > /tmp/drill_hba.conf
pg_ctl --pgdata="$pgdata" --wait --timeout=3600 --log=/tmp/drill-postgres.log start \
  --options="-c listen_addresses='' -c unix_socket_directories=/tmp -c hba_file=/tmp/drill_hba.conf -c archive_mode=off"
for _ in $(seq 1 720); do
  [ "$(psql --host=/tmp --username="$superuser" --dbname=postgres -Atc 'SELECT pg_is_in_recovery()')" = f ] && break
  sleep 5
done
query() { psql --host=/tmp --username="$superuser" --dbname="${DB_NAME:?}" --set=ON_ERROR_STOP=1 -Atc "$1"; }
[ "$(query 'SELECT pg_is_in_recovery()')" = f ] || die "recovery did not finish"
in_list="$(printf "'%s'," "${chain[@]}")"
found="$(query "SELECT count(*) FROM platform_backup.canary WHERE set_id IN (${in_list%,})")"
[ "$found" -eq "$count" ] || die "canary rows: found $found of the $count sets of the chain"
# Heap and B-tree consistency of every relation of every database (non-zero exit on corruption).
pg_amcheck --host=/tmp --username="$superuser" --all --heapallindexed --progress
query "SELECT schemaname || '.' || relname || ': ' || n_live_tup FROM pg_stat_user_tables ORDER BY 1" | sed 's/^/row count /' >&2
pg_ctl --pgdata="$pgdata" --wait stop --mode=fast
log "restore drill passed: $count sets restored, canary rows match, pg_amcheck clean"
