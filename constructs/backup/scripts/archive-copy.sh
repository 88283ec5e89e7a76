#!/bin/bash
# Monthly archive: the latest completed full set (and, for pgBackRest, the repository holding it) goes
# to archive/<store>/<YYYY-MM>/ in the object-lock bucket; the bucket's default retention applies to
# every object. Checksums are verified after the upload.
source /opt/backup/lib.sh
require_env STORE BACKUP_ROOT
destination="${1:?usage: archive-copy.sh <rclone destination>}"
export RCLONE_CONFIG=/dev/null
month="$(date -u +%Y-%m)"
full="$(latest_set full)"
[ -n "$full" ] || die "no completed full set to archive"
verify_checksums "$BACKUP_ROOT/sets/$full"

flags=(--checksum --immutable --transfers=8 --retries=5 --stats-one-line --stats=60s)
rclone copy "${flags[@]}" "$BACKUP_ROOT/sets/$full" "$destination/$month/sets/$full"
if [ -d "$BACKUP_ROOT/pgbackrest" ]; then
  rclone copy "${flags[@]}" "$BACKUP_ROOT/pgbackrest" "$destination/$month/pgbackrest"
fi
rclone check --one-way --checksum "$BACKUP_ROOT/sets/$full" "$destination/$month/sets/$full" || die "archive copy of $full does not match"
printf '%s\n' "$full" | rclone rcat "$destination/$month/ARCHIVED_SET"
log "archived full set $full to $destination/$month"
