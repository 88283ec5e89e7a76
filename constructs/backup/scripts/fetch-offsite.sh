#!/bin/bash
# Restore drill, step 1: fetch the other site's off-site copy of one data store (its chain.log, the
# latest full set and every incremental after it, and the pgBackRest repository if any) into the
# scratch volume. Checksums are verified by the next step (the engine image has sha256sum --strict).
source /opt/backup/lib.sh
require_env STORE SCRATCH
source_remote="${1:?usage: fetch-offsite.sh <rclone source, e.g. drillsource:bucket/prefix>}"
export RCLONE_CONFIG=/dev/null
local_copy="$SCRATCH/backup"
mkdir -p "$local_copy/sets"
flags=(--checksum --transfers=8 --retries=5 --stats-one-line --stats=60s)

rclone copyto "${flags[@]}" "$source_remote/chain.log" "$local_copy/chain.log" || die "no chain.log at $source_remote: nothing was ever copied off site"
mapfile -t chain < <(restore_chain "$local_copy/chain.log")
[ "${#chain[@]}" -gt 0 ] || die "chain.log at $source_remote lists no full set"
for set_id in "${chain[@]}"; do
  rclone copy "${flags[@]}" "$source_remote/sets/$set_id" "$local_copy/sets/$set_id"
done
if rclone lsf --max-depth 1 "$source_remote/pgbackrest" > /dev/null 2>&1; then
  rclone copy "${flags[@]}" "$source_remote/pgbackrest" "$local_copy/pgbackrest"
fi
printf '%s\n' "${chain[@]}" > "$SCRATCH/restore-chain"
log "fetched ${#chain[@]} sets (full ${chain[0]}, newest ${chain[${#chain[@]}-1]}) from $source_remote"
