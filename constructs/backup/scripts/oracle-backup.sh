#!/bin/bash
# Oracle backup with RMAN: incremental level 0 (the full base) or level 1 (changes since the last
# level 0/1), plus archived redo logs and an autobackup of the control file. The pieces are written by
# the database server into the local-a volume, which the database pod also mounts (same node).
source /opt/backup/lib.sh
require_env STORE DB_HOST DB_PORT DB_NAME BACKUP_ROOT SET_ID DB_ACCOUNT_DIR LOCAL_RETENTION_DAYS
kind="${1:?usage: oracle-backup.sh full|incremental}"
case "$kind" in
  full) level=0 ;;
  incremental) level=1 ;;
  *) die "unknown backup kind $kind" ;;
esac

base="$(latest_set any)"
if [ "$level" = 1 ] && [ -z "$base" ]; then die "no completed level 0 backup to base a level 1 on; run the full backup job first"; fi
target="$(fresh_set_dir)"
mkdir -p "$target"

# The connect string goes through stdin, so the password is on no command line.
rman <<RMAN
CONNECT TARGET '$(db_user)/"$(db_password)"@//$DB_HOST:$DB_PORT/$DB_NAME AS SYSBACKUP'
RUN {
  CONFIGURE CONTROLFILE AUTOBACKUP ON;
  CONFIGURE CONTROLFILE AUTOBACKUP FORMAT FOR DEVICE TYPE DISK TO '$target/cf_%F';
  BACKUP AS COMPRESSED BACKUPSET INCREMENTAL LEVEL $level DATABASE FORMAT '$target/db_%U' TAG '$SET_ID'
    PLUS ARCHIVELOG FORMAT '$target/arc_%U';
}
EXIT
RMAN

ls "$target"/db_* > /dev/null 2>&1 || die "RMAN wrote no database pieces into $target"
write_checksums "$target"
record_set "$SET_ID" "$kind" "${base:--}"
prune_local_sets
