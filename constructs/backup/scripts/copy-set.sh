#!/bin/bash
# Copies the data store's backup folder to another target (local-b or the off-site site) with rclone,
# then verifies the copy of the newest set. Order matters: set files first (immutable: a set never
# changes once written), then the pgBackRest repository if any, and chain.log last, so a copy
# interrupted midway never lists a set the target does not fully hold.
# Remotes come from RCLONE_CONFIG_<NAME>_* environment variables (keys from Secrets).
source /opt/backup/lib.sh
require_env STORE BACKUP_ROOT
destination="${1:?usage: copy-set.sh <rclone destination, e.g. offsite:bucket/prefix>}"
export RCLONE_CONFIG=/dev/null   # no config file: everything comes from the environment
flags=(--checksum --transfers=8 --retries=5 --low-level-retries=20 --stats-one-line --stats=60s)

[ -f "$BACKUP_ROOT/chain.log" ] || die "no completed backup set in $BACKUP_ROOT yet"
newest="$(latest_set any)"

rclone copy "${flags[@]}" --immutable "$BACKUP_ROOT/sets" "$destination/sets"
if [ -d "$BACKUP_ROOT/pgbackrest" ]; then
  rclone copy "${flags[@]}" "$BACKUP_ROOT/pgbackrest" "$destination/pgbackrest"
fi
rclone check --one-way --checksum "$BACKUP_ROOT/sets/$newest" "$destination/sets/$newest" || die "copy of set $newest to $destination does not match"
rclone copyto "${flags[@]}" "$BACKUP_ROOT/chain.log" "$destination/chain.log"
log "set $newest copied to $destination and verified"
