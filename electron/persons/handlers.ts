import { dueHandlers } from './due.service';
import { measureHandlers } from './measure.service';
import { mergeHandlers } from './merge.service';
import { personHandlers } from './person.service';
import { seedHandlers } from './person.seed';
import { printHandlers } from './print.service';

/** Every procedure of the persons contract (shared/contract/persons.ts). */
export const personsHandlers = {
  ...personHandlers,
  ...measureHandlers,
  ...mergeHandlers,
  ...dueHandlers,
  ...printHandlers,
  ...seedHandlers,
};
