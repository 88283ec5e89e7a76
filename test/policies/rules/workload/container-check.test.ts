/**
 * Exact results of the shared per-container check (`checkContainers`, `podSpecOrResult`): the fixtures
 * assert message fragments, these pin whole messages where a fragment cannot tell a wrong one apart
 * (a stray prefix, a path with a leading dot).
 */
import { workload, hardenedContainer } from '../../../../policies/rules/fixture-builders';
import { fixtureResources } from '../../../../policies/rules/fixtures';
import { checkContainers, podSpecOrResult, type ContainerCheck } from '../../../../policies/rules/workload/container-check';
import { podWithUnknownSpec } from '../../../../policies/rules/workload/fixture-builders';
import type { Resource } from '../../../../policies/model';

const only = (terraform: Record<string, unknown>): Resource => {
  const [resource] = fixtureResources('workload/container-check', { name: 'container-check', terraform });
  return resource!;
};
const imageProblem: ContainerCheck = (ref) => (ref.container.image === 'bad' ? `${ref.path}.image is bad` : undefined);

describe('podSpecOrResult', () => {
  it('a bare pod whose spec is known only after apply fails closed on `spec`', () => {
    expect(podSpecOrResult(only(podWithUnknownSpec('generated')))).toEqual({ status: 'fail', message: 'spec is known only after apply; failing closed' });
  });
});

describe('checkContainers', () => {
  it('names every failing container, and only them, in order', () => {
    const resource = only(
      workload('kubernetes_deployment_v1', 'web', {
        containers: [hardenedContainer('app', { image: 'bad' }), hardenedContainer('proxy'), hardenedContainer('agent', { image: 'bad' })],
      }),
    );
    expect(checkContainers(resource, imageProblem, { passMessage: 'fine' })).toEqual({
      status: 'fail',
      message:
        'container "app": spec[0].template[0].spec[0].container[0].image is bad; container "agent": spec[0].template[0].spec[0].container[2].image is bad',
    });
  });

  it('passes with the number of containers checked', () => {
    const resource = only(workload('kubernetes_deployment_v1', 'web', { containers: [hardenedContainer('app'), hardenedContainer('proxy')] }));
    expect(checkContainers(resource, imageProblem, { passMessage: 'fine' })).toEqual({ status: 'pass', message: '2 container(s) checked: fine' });
  });
});
