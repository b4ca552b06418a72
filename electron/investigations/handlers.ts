import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { investigationsContract } from '../../shared/contract/investigations';
import type { DomainHandlerGroup } from '../host/context';

type Procs = keyof typeof investigationsContract;

/** Placeholder while the services land: every procedure answers INTERNAL. */
const notYet = () => Promise.reject(new AppError(ErrorCodes.INTERNAL, 'not implemented yet'));
export const investigationHandlers = Object.fromEntries(
  Object.keys(investigationsContract).map((k) => [k, notYet]),
) as unknown as DomainHandlerGroup<Procs>;
