#!/bin/bash
# After archiving: the archived objects really carry a retain-until date RETENTION_YEARS ahead.
source /opt/backup/lib.sh
require_env STORE ARCHIVE_ENDPOINT ARCHIVE_BUCKET ARCHIVE_PREFIX RETENTION_YEARS OBJECT_LOCK_MODE
export HOME=/tmp AWS_CONFIG_FILE=/dev/null
month="$(date -u +%Y-%m)"
key="$ARCHIVE_PREFIX/$month/ARCHIVED_SET"

object() {
  aws s3api head-object --endpoint-url "$ARCHIVE_ENDPOINT" --bucket "$ARCHIVE_BUCKET" --key "$key" --query "$1" --output text
}
mode="$(object ObjectLockMode)" || die "archived object $key not found"
until="$(object ObjectLockRetainUntilDate)"
[ "$until" != None ] || until=
[ "$mode" = "$OBJECT_LOCK_MODE" ] || die "$key is locked in mode $mode, expected $OBJECT_LOCK_MODE"
[ -n "$until" ] || die "$key has no retain-until date"
# One day of slack for clock skew between this pod and the object store.
minimum="$(date -u -d "+${RETENTION_YEARS} years -1 day" +%s)"
[ "$(date -u -d "$until" +%s)" -ge "$minimum" ] || die "$key is retained until $until, less than $RETENTION_YEARS years"
log "$key retained until $until ($OBJECT_LOCK_MODE)"
