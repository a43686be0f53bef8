// Setup shared by the child-process writers that killAfterAcks drives: the real app context on the
// data directory given as the first argument, and the real dispatcher over it.
import { createAppContext, type AppContext } from '../../electron/app/appContext';
import { createDispatcher, type Dispatch } from '../../electron/app/dispatcher';
import { createHandlers } from '../../electron/handlers';

export async function openWriterApp(): Promise<{ ctx: AppContext; dispatch: Dispatch }> {
  const dataDir = process.argv[2]!;
  const ctx = await createAppContext({ dataDir });
  return { ctx, dispatch: createDispatcher(createHandlers(ctx)) };
}
