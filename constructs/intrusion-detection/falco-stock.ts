/**
 * Macros and lists of Falco's stock rule file (`falco_rules.yaml` of falcosecurity/rules, the
 * `falco-rules:4` artifact falcoctl installs with chart 9.1.0 / Falco 0.44.1) that the hospital rules
 * rely on. A test checks the custom rules reference nothing else, so a rename upstream is caught here
 * rather than by Falco refusing to start on the nodes.
 *
 * Not used on purpose: the stock `outbound` macro ignores RFC 1918 destinations
 * (`not fd.snet in (rfc_1918_addresses)`), and the medical segment's undeclared flows are mostly to
 * private addresses, so the hospital rules define their own `hospital_outbound_connection`.
 */
export const FALCO_STOCK_MACROS: ReadonlySet<string> = new Set([
  /** evt.type in (execve, execveat) and evt.dir=< */
  'spawned_process',
  /** container.id != host */
  'container',
  /** a file opened for writing */
  'open_write',
  /** a file opened for reading */
  'open_read',
  /** proc.name in (shell_binaries) */
  'shell_procs',
  /** fd.directory in (/bin, /sbin, /usr/bin, /usr/sbin) */
  'bin_dir',
  /** fd.name startswith /etc/ */
  'etc_dir',
]);

export const FALCO_STOCK_LISTS: ReadonlySet<string> = new Set(['shell_binaries']);
