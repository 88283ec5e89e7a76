/**
 * The labels and annotations by which rules recognise the hospital's objects: the contract's
 * (contract/index.ts), which the constructs write. Everything that keys a rule on a label reads it from
 * here or from the contract, so a renamed label changes in one place.
 */
export { ANNOTATIONS, LABEL_VALUES, LABELS } from '../contract';
