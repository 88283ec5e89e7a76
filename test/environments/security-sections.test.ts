import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironmentText } from '../../environments/load';
import { REPO_ROOT } from '../support/environments';

const prodText = fs.readFileSync(path.join(REPO_ROOT, 'environments/prod.yaml'), 'utf8');
const problemsOf = (text: string) => {
  const result = loadEnvironmentText(text, { file: 'environments/prod.yaml', name: 'prod' });
  if (result.ok) throw new Error('expected the configuration to be rejected');
  return result.problems.map((problem) => `${problem.keyPath}: ${problem.message}`);
};
const replaced = (from: string, to: string): string => {
  if (!prodText.includes(from)) throw new Error(`prod.yaml no longer contains ${JSON.stringify(from)}`);
  return prodText.replace(from, to);
};

describe('access, encryption and intrusion-detection sections', () => {
  it('rejects one group serving two operations roles (separation of duties)', () => {
    expect(problemsOf(replaced('securityOfficer: oidc:platform-security-officers', 'securityOfficer: oidc:platform-system-engineers'))).toContainEqual(
      'access.groups.securityOfficer: expected a group of its own (separation of duties), got "oidc:platform-system-engineers", already used by systemEngineer',
    );
  });

  it('rejects a break-glass grant without a reason, and data-store namespaces that are not declared', () => {
    expect(
      problemsOf(replaced('reason: Emergency cluster-admin for incident response when the operations roles cannot restore service', 'reason: urgent')),
    ).toEqual([expect.stringMatching(/^access\.breakGlass\.reason: expected .*20/)]);
    expect(problemsOf(replaced('dataStoreNamespaces: [clinical-data]', 'dataStoreNamespaces: [databases]'))[0]).toMatch(
      /^access\.dataStoreNamespaces\.0: expected one of the declared namespaces \(his, .*\), got "databases"$/,
    );
  });

  it('requires exactly one default storage class', () => {
    expect(problemsOf(replaced('    medical-encrypted:\n      default: true\n', '    medical-encrypted:\n      default: false\n'))).toContainEqual(
      'encryption.storageClasses: expected exactly one default storage class, got 0',
    );
  });

  it('rejects a clinical host routed to an unknown system or port', () => {
    expect(problemsOf(replaced('system: pacs, tlsSecret: pacs-tls', 'system: radiology, tlsSecret: pacs-tls'))[0]).toMatch(
      /^encryption\.clinicalHosts\.4\.system: expected one of the clinical systems \(registration, .*\), got "radiology"$/,
    );
  });

  it('requires the IDS namespace to be declared privileged with its reason', () => {
    expect(
      problemsOf(
        replaced('    podSecurity:\n      level: privileged\n      reason: Falco loads', '    podSecurity:\n      level: baseline\n      reason: Falco loads'),
      ),
    ).toContainEqual(
      'namespaces.security.podSecurity.level: expected privileged (Falco loads eBPF probes, Suricata captures on the host network), got baseline',
    );
  });

  it('rejects a Suricata image without a digest, an unknown ET Open category, and a bad schedule', () => {
    const text = replaced('suricata:8.0.2@sha256:7d2a3c4f1e9b8a6d5c4b3a291807f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d', 'suricata:8.0.2')
      .replace('categories: [emerging-scan,', 'categories: [scan,')
      .replace('schedule: "15 4 * * *"', 'schedule: "daily"');
    expect(problemsOf(text).sort()).toEqual([
      'intrusionDetection.suricata.image: expected an image pinned by digest (registry/name[:tag]@sha256:<64 hex digits>), got "registry.hospital.internal/mirror/suricata:8.0.2"',
      'intrusionDetection.suricata.rulesUpdate.categories.0: expected an ET Open category file stem such as "emerging-scan", got "scan"',
      'intrusionDetection.suricata.rulesUpdate.schedule: expected a cron schedule Kubernetes accepts, got "daily": expected 5 fields (minute hour day-of-month month day-of-week), got 1',
    ]);
  });

  it('rejects a Suricata rule volume on a class the environment does not declare', () => {
    expect(problemsOf(replaced('rulesStorage: { storageClass: shared-encrypted', 'rulesStorage: { storageClass: nfs'))).toContainEqual(
      'intrusionDetection.suricata.rulesStorage.storageClass: expected one of encryption.storageClasses (medical-encrypted, shared-encrypted), got "nfs"',
    );
  });
});
