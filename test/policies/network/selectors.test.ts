import { parseSelector, selectorMatches } from '../../../policies/network/selectors';

const labels = { app: 'emr', tier: 'core', 'platform.hospital/segment': 'medical' };

describe('label selectors', () => {
  it('matchLabels needs every pair', () => {
    expect(selectorMatches({ matchLabels: { app: 'emr' }, matchExpressions: [] }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'emr', tier: 'edge' }, matchExpressions: [] }, labels)).toBe(false);
  });

  it('the empty selector matches everything', () => {
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [] }, {})).toBe(true);
  });

  it.each([
    ['In', ['emr', 'lis'], true],
    ['In', ['lis'], false],
    ['NotIn', ['lis'], true],
    ['NotIn', ['emr'], false],
    ['Exists', [], true],
    ['DoesNotExist', [], false],
  ] as const)('matchExpressions %s %j on a present key → %s', (operator, values, expected) => {
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [{ key: 'app', operator, values }] }, labels)).toBe(expected);
  });

  it.each([
    ['NotIn', true],
    ['DoesNotExist', true],
    ['Exists', false],
    ['In', false],
  ] as const)('%s on an absent key → %s', (operator, expected) => {
    const values = operator === 'NotIn' || operator === 'In' ? ['x'] : [];
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [{ key: 'missing', operator, values }] }, labels)).toBe(expected);
  });

  it('ANDs matchLabels with matchExpressions', () => {
    expect(selectorMatches({ matchLabels: { app: 'emr' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['core'] }] }, labels)).toBe(false);
  });

  it('parses kubectl selector syntax', () => {
    expect(parseSelector('platform.hospital/segment=guest, a!=b,c in (x, y),d notin (z),e,!f')).toEqual({
      matchLabels: { 'platform.hospital/segment': 'guest' },
      matchExpressions: [
        { key: 'a', operator: 'NotIn', values: ['b'] },
        { key: 'c', operator: 'In', values: ['x', 'y'] },
        { key: 'd', operator: 'NotIn', values: ['z'] },
        { key: 'e', operator: 'Exists', values: [] },
        { key: 'f', operator: 'DoesNotExist', values: [] },
      ],
    });
    expect(() => parseSelector('a=b,,c=d')).toThrow(/empty requirement/);
    expect(() => parseSelector('a ~ b')).toThrow(/cannot read requirement/);
  });
});
