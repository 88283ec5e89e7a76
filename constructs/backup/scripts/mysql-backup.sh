#!/bin/bash
# MySQL physical backup with Percona XtraBackup: "full" copies the whole instance, "incremental" copies
# the pages changed since the latest completed set (--incremental-basedir). The job runs on the
# database's node with its data volume mounted read-only (XtraBackup reads the InnoDB files directly
# and talks to the server over TCP for locks and the binary log position).
source /opt/backup/lib.sh
require_env STORE DB_HOST DB_PORT DATADIR BACKUP_ROOT SET_ID DB_ACCOUNT_DIR LOCAL_RETENTION_DAYS
kind="${1:?usage: mysql-backup.sh full|incremental}"

target="$(fresh_set_dir)"
defaults="$(mysql_defaults_file)"

case "$kind" in
  full)
    xtrabackup --defaults-extra-file="$defaults" --backup --host="$DB_HOST" --port="$DB_PORT" \
      --datadir="$DATADIR" --target-dir="$target" --parallel=4 --compress=zstd
    base=-
    ;;
  incremental)
    base="$(latest_set any)"
    [ -n "$base" ] || die "no completed full backup to base an incremental on; run the full backup job first"
    xtrabackup --defaults-extra-file="$defaults" --backup --host="$DB_HOST" --port="$DB_PORT" \
      --datadir="$DATADIR" --target-dir="$target" --incremental-basedir="$BACKUP_ROOT/sets/$base" --parallel=4 --compress=zstd
    ;;
  *) die "unknown backup kind $kind" ;;
esac

# XtraBackup marks a usable set in xtrabackup_checkpoints; anything else is a failed copy.
grep -q "^backup_type = \(full-backuped\|incremental\)$" "$target/xtrabackup_checkpoints" || die "xtrabackup_checkpoints of $target is not a completed backup"
write_checksums "$target"
record_set "$SET_ID" "$kind" "$base"
prune_local_sets
