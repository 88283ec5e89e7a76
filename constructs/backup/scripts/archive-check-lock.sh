#!/bin/bash
# Before archiving: the archive bucket must have object lock enabled with a default retention of at
# least RETENTION_YEARS in the expected mode, or the "30-year" archive would be deletable.
source /opt/backup/lib.sh
require_env STORE ARCHIVE_ENDPOINT ARCHIVE_BUCKET RETENTION_YEARS OBJECT_LOCK_MODE
export HOME=/tmp AWS_CONFIG_FILE=/dev/null

# The AWS CLI image has no jq: read the fields with --query (JMESPath). "None" means unset.
lock() {
  aws s3api get-object-lock-configuration --endpoint-url "$ARCHIVE_ENDPOINT" --bucket "$ARCHIVE_BUCKET" \
    --query "ObjectLockConfiguration.$1" --output text
}
enabled="$(lock ObjectLockEnabled)" || die "cannot read the object lock configuration of bucket $ARCHIVE_BUCKET"
mode="$(lock Rule.DefaultRetention.Mode)"
years="$(lock Rule.DefaultRetention.Years)"
days="$(lock Rule.DefaultRetention.Days)"
[ "$years" != None ] || years=0
[ "$days" != None ] || days=0
[ "$enabled" = Enabled ] || die "bucket $ARCHIVE_BUCKET has no object lock"
[ "$mode" = "$OBJECT_LOCK_MODE" ] || die "bucket $ARCHIVE_BUCKET default retention mode is $mode, expected $OBJECT_LOCK_MODE"
if [ "$years" -lt "$RETENTION_YEARS" ] && [ "$days" -lt $((RETENTION_YEARS * 365)) ]; then
  die "bucket $ARCHIVE_BUCKET keeps objects ${years} years / ${days} days by default, expected at least $RETENTION_YEARS years"
fi
log "bucket $ARCHIVE_BUCKET: object lock $mode, default retention ${years}y/${days}d ≥ ${RETENTION_YEARS}y"
