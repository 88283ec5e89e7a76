#!/bin/bash
# Restore drill for MySQL. "prepare" (XtraBackup image): verify checksums and the LSN chain, then
# prepare the full set with --apply-log-only, apply every incremental (--apply-log-only for all but
# the last), and copy the result into an empty data directory. "verify" (the server image): start a
# scratch mysqld on it without networking and check the canary rows and every table.
source /opt/backup/lib.sh
require_env STORE SCRATCH
stage="${1:?usage: mysql-restore-drill.sh prepare|verify}"
sets="$SCRATCH/backup/sets"
mapfile -t chain < "$SCRATCH/restore-chain"
count="${#chain[@]}"
datadir="$SCRATCH/datadir"

checkpoint() { sed -n "s/^$2 = //p" "$sets/$1/xtrabackup_checkpoints"; }

if [ "$stage" = prepare ]; then
  previous_to=
  for set_id in "${chain[@]}"; do
    verify_checksums "$sets/$set_id"
    xtrabackup --decompress --remove-original --parallel=4 --target-dir="$sets/$set_id"
    from="$(checkpoint "$set_id" from_lsn)"
    if [ -n "$previous_to" ] && [ "$from" != "$previous_to" ]; then
      die "LSN chain broken at $set_id: from_lsn $from, previous to_lsn $previous_to"
    fi
    previous_to="$(checkpoint "$set_id" to_lsn)"
  done
  full="$sets/${chain[0]}"
  if [ "$count" -eq 1 ]; then
    xtrabackup --prepare --target-dir="$full"
  else
    xtrabackup --prepare --apply-log-only --target-dir="$full"
    for ((i = 1; i < count; i++)); do
      if ((i < count - 1)); then only=(--apply-log-only); else only=(); fi
      xtrabackup --prepare "${only[@]}" --target-dir="$full" --incremental-dir="$sets/${chain[$i]}"
    done
  fi
  mkdir -p "$datadir"
  [ -z "$(ls -A "$datadir")" ] || die "$datadir is not empty"
  xtrabackup --copy-back --target-dir="$full" --datadir="$datadir"
  log "prepared $count sets into $datadir"
  exit 0
fi

[ "$stage" = verify ] || die "unknown stage $stage"
socket=/tmp/drill-mysqld.sock
# No network, no grant tables: the scratch instance is reachable only through this pod's socket.
mysqld --datadir="$datadir" --socket="$socket" --pid-file=/tmp/drill-mysqld.pid --skip-networking \
  --skip-grant-tables --tmpdir=/tmp --log-error=/tmp/drill-mysqld.err &
for _ in $(seq 1 120); do mysqladmin --socket="$socket" ping > /dev/null 2>&1 && break; sleep 5; done
mysqladmin --socket="$socket" ping > /dev/null 2>&1 || { cat /tmp/drill-mysqld.err >&2; die "the restored instance did not start"; }

query() { mysql --socket="$socket" --batch --skip-column-names -e "$1"; }
in_list="$(printf "'%s'," "${chain[@]}")"
found="$(query "SELECT COUNT(*) FROM platform_backup.canary WHERE set_id IN (${in_list%,})")"
[ "$found" -eq "$count" ] || die "canary rows: found $found of the $count sets of the chain"
query "SELECT set_id FROM platform_backup.canary WHERE set_id = '${chain[$count-1]}'" | grep -qx "${chain[$count-1]}" \
  || die "the restored data does not reach the newest set ${chain[$count-1]}"
# Every table is readable and not corrupt; mysqlcheck exits non-zero on errors.
mysqlcheck --socket="$socket" --all-databases --check --silent
query "SELECT table_schema, table_name, table_rows FROM information_schema.tables WHERE table_schema NOT IN ('mysql','sys','performance_schema','information_schema') ORDER BY 1, 2" \
  | awk '{ printf "row count %s.%s: %s\n", $1, $2, $3 }' >&2
mysqladmin --socket="$socket" shutdown
log "restore drill passed: $count sets restored, canary rows match, all tables check"
