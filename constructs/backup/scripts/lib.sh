# Shared helpers for the backup, archive and restore-drill jobs (sourced, never executed directly).
# Layout of a data store's backup folder (the same on every target, copied file by file):
#   $BACKUP_ROOT/sets/<set-id>/        one backup set (XtraBackup dir, RMAN pieces or a pgBackRest label file)
#   $BACKUP_ROOT/sets/<set-id>/SHA256SUMS   checksums of every file of the set, written last
#   $BACKUP_ROOT/chain.log             "<utc-time> <set-id> <full|incremental> <base-set-id|->", one line per completed set
# A set without its chain.log line is incomplete and is never used as a base or restored.
set -euo pipefail
umask 077

log() { printf '%s [%s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "${STORE:-?}" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

require_env() {
  local name
  for name in "$@"; do
    [ -n "${!name:-}" ] || die "environment variable $name is not set"
  done
}

# Credentials are mounted files from the Secret (never environment literals in the Terraform).
db_user() { cat "${DB_ACCOUNT_DIR:?}/username"; }
db_password() { cat "${DB_ACCOUNT_DIR:?}/password"; }

# The latest completed set of a type ("full" or "any"); empty when none.
latest_set() {
  local kind="$1" chain="${2:-$BACKUP_ROOT/chain.log}"
  [ -f "$chain" ] || return 0
  if [ "$kind" = full ]; then
    awk '$3 == "full" { id = $2 } END { if (id) print id }' "$chain"
  else
    awk 'NF >= 3 { id = $2 } END { if (id) print id }' "$chain"
  fi
}

# The sets to restore, oldest first: the latest full set and every incremental after it.
restore_chain() {
  local chain="$1"
  awk '$3 == "full" { n = 0 } NF >= 3 { sets[n++] = $2 } END { for (i = 0; i < n; i++) print sets[i] }' "$chain"
}

write_checksums() {
  local dir="$1"
  (cd "$dir" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 -r sha256sum > SHA256SUMS)
  [ -s "$dir/SHA256SUMS" ] || die "backup set $dir is empty"
}

verify_checksums() {
  local dir="$1"
  [ -s "$dir/SHA256SUMS" ] || die "backup set $dir has no SHA256SUMS (incomplete copy)"
  (cd "$dir" && sha256sum --quiet --strict -c SHA256SUMS) || die "checksum mismatch in $dir"
}

# A set folder for this run. A folder left by a failed attempt of the same Job (not in chain.log) is
# removed first; a completed set is never overwritten.
fresh_set_dir() {
  local target="$BACKUP_ROOT/sets/$SET_ID"
  if [ -e "$target" ]; then
    if [ -f "$BACKUP_ROOT/chain.log" ] && awk -v id="$SET_ID" '$2 == id { found = 1 } END { exit !found }' "$BACKUP_ROOT/chain.log"; then
      die "set $SET_ID is already complete; refusing to overwrite it"
    fi
    log "removing the incomplete set $SET_ID left by a failed attempt"
    rm -rf -- "$target"
  fi
  mkdir -p "$BACKUP_ROOT/sets"
  printf '%s' "$target"
}

record_set() {
  local set_id="$1" kind="$2" base="${3:--}"
  printf '%s %s %s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$set_id" "$kind" "$base" >> "$BACKUP_ROOT/chain.log"
  log "completed $kind set $set_id (base: $base)"
}

# Removes local sets older than LOCAL_RETENTION_DAYS, but never the latest full set or anything after it.
prune_local_sets() {
  local keep_from
  keep_from="$(latest_set full)"
  [ -n "$keep_from" ] || return 0
  find "$BACKUP_ROOT/sets" -mindepth 1 -maxdepth 1 -type d -mtime "+${LOCAL_RETENTION_DAYS:?}" -print | while read -r old; do
    if ! restore_chain "$BACKUP_ROOT/chain.log" | grep -qx "$(basename "$old")"; then
      log "pruning $old (older than $LOCAL_RETENTION_DAYS days)"
      rm -rf -- "$old"
    fi
  done
}

# A MySQL option file with the backup account (mode 0600 in the memory-backed /tmp), so the password
# never appears on a command line. --defaults-extra-file must be the first option of a MySQL tool.
mysql_defaults_file() {
  local file=/tmp/backup-client.cnf
  printf '[client]\nuser=%s\npassword="%s"\n' "$(db_user)" "$(db_password)" > "$file"
  printf '%s' "$file"
}
