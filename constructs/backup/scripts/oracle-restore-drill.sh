#!/bin/bash
# Restore drill for Oracle (in the database image: RMAN must match the server release). RESTORE
# DATABASE VALIDATE reads every piece the restore needs and checks it for corruption; then the level 0
# and level 1 sets are restored into a scratch instance, recovered to the last archived log of the
# newest set and opened, and the canary rows are checked.
source /opt/backup/lib.sh
require_env STORE SCRATCH DB_NAME
sets="$SCRATCH/backup/sets"
mapfile -t chain < "$SCRATCH/restore-chain"
count="${#chain[@]}"
newest="$sets/${chain[$count-1]}"
for set_id in "${chain[@]}"; do verify_checksums "$sets/$set_id"; done
controlfile="$(find "$newest" -maxdepth 1 -name 'cf_*' | sort | tail -n 1)"
[ -n "$controlfile" ] || die "the newest set ${chain[$count-1]} holds no control file autobackup"

export ORACLE_SID=DRILL
oradata="$SCRATCH/oradata"
mkdir -p "$oradata" /tmp/drill-admin
cat > /tmp/initDRILL.ora <<PFILE
db_name=$DB_NAME
db_unique_name=DRILL
control_files='$oradata/control01.ctl'
db_create_file_dest='$oradata'
db_create_online_log_dest_1='$oradata'
log_file_name_convert=('/opt/oracle/oradata','$oradata')
audit_file_dest='/tmp/drill-admin'
diagnostic_dest='$SCRATCH'
sga_target=2G
pga_aggregate_target=512M
PFILE

rman target / <<RMAN
STARTUP NOMOUNT PFILE='/tmp/initDRILL.ora';
RESTORE CONTROLFILE FROM '$controlfile';
ALTER DATABASE MOUNT;
CATALOG START WITH '$sets/' NOPROMPT;
EXIT
RMAN

sequence="$(sqlplus -S -L / as sysdba <<'SQL'
SET HEADING OFF FEEDBACK OFF PAGESIZE 0
WHENEVER SQLERROR EXIT FAILURE
SELECT MAX(sequence#) FROM v$archived_log WHERE thread# = 1;
EXIT
SQL
)"
sequence="$(printf '%s' "$sequence" | tr -d '[:space:]')"
[[ "$sequence" =~ ^[0-9]+$ ]] || die "cannot find the last archived log of the backup (got '$sequence')"

rman target / <<RMAN
RESTORE DATABASE VALIDATE;
RUN {
  SET UNTIL SEQUENCE $((sequence + 1)) THREAD 1;
  SET NEWNAME FOR DATABASE TO '$oradata/%b';
  RESTORE DATABASE;
  SWITCH DATAFILE ALL;
  RECOVER DATABASE;
}
ALTER DATABASE OPEN RESETLOGS;
VALIDATE DATABASE;
EXIT
RMAN

in_list="$(printf "'%s'," "${chain[@]}")"
found="$(sqlplus -S -L / as sysdba <<SQL
SET HEADING OFF FEEDBACK OFF PAGESIZE 0
WHENEVER SQLERROR EXIT FAILURE
SELECT COUNT(*) FROM platform_backup.canary WHERE set_id IN (${in_list%,});
EXIT
SQL
)"
found="$(printf '%s' "$found" | tr -d '[:space:]')"
[ "$found" = "$count" ] || die "canary rows: found '$found' of the $count sets of the chain"
sqlplus -S -L / as sysdba <<'SQL' >&2
SET HEADING OFF FEEDBACK OFF PAGESIZE 0 LINESIZE 200
SELECT 'row count ' || owner || '.' || table_name || ': ' || num_rows FROM dba_tables WHERE owner NOT IN ('SYS','SYSTEM','XDB','AUDSYS','OUTLN','DBSNMP') ORDER BY 1;
SHUTDOWN ABORT
EXIT
SQL
log "restore drill passed: $count sets restored and opened, canary rows match, VALIDATE DATABASE clean"
