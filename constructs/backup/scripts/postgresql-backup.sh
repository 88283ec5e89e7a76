#!/bin/bash
# PostgreSQL backup with pgBackRest (--type=full|incr). The repository is repo1 on the local-a volume;
# the database pod archives WAL into it (archive_command) and serves its data directory to this job
# over pgBackRest's TLS protocol (pg1-host-type=tls), so no shell access to the database pod is needed.
source /opt/backup/lib.sh
require_env STORE STANZA BACKUP_ROOT SET_ID LOCAL_RETENTION_DAYS
kind="${1:?usage: postgresql-backup.sh full|incremental}"
case "$kind" in
  full) type=full ;;
  incremental) type=incr ;;
  *) die "unknown backup kind $kind" ;;
esac

mkdir -p "$BACKUP_ROOT/sets" /tmp/pgbackrest
# First run on a new repository: create the stanza (idempotent), then check WAL archiving works.
pgbackrest --stanza="$STANZA" stanza-create
pgbackrest --stanza="$STANZA" check
base="$(latest_set any)"
if [ "$type" = incr ] && [ -z "$base" ]; then die "no completed full backup to base an incremental on; run the full backup job first"; fi
pgbackrest --stanza="$STANZA" backup --type="$type"

# The set folder records which pgBackRest label this run produced (the data stays in the repository).
label="$(pgbackrest --stanza="$STANZA" info --output=json | sed -n 's/.*"label":"\([^"]*\)".*/\1/p' | tail -n 1)"
[ -n "$label" ] || die "pgBackRest reports no backup label after the backup"
target="$(fresh_set_dir)"
mkdir -p "$target"
printf 'label=%s\ntype=%s\n' "$label" "$type" > "$target/pgbackrest.label"
write_checksums "$target"
record_set "$SET_ID" "$kind" "${base:--}"
prune_local_sets
