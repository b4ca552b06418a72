import type { DomainHandlerGroup } from '../host/context';
import { AppError, ErrorCodes } from '../../shared/domain/errors';
import { rehabContract } from '../../shared/contract/rehab';

type RehabProcedure = keyof typeof rehabContract;

const notYet = () => Promise.reject(new AppError(ErrorCodes.INTERNAL, 'rehabilitation: not built yet'));

/** The rehabilitation family's handlers (filled in as the services land). */
export const rehabHandlers = Object.fromEntries(
  Object.keys(rehabContract).map((name) => [name, notYet]),
) as unknown as DomainHandlerGroup<RehabProcedure>;
