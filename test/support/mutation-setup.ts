/**
 * Setup of the mutation run only (jest.mutation.config.js). A mutant needs just one failing example to
 * be killed; shrinking that example to the smallest one helps a person reading a failure, and for a
 * mutant that breaks the schedule arithmetic it replays the property dozens of times more (up to
 * Stryker's timeout). The default `npm test` keeps shrinking.
 */
import * as fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
