// Child process for the kill -9 test: writes through the real dispatcher and prints an
// acknowledgement only after each call returned, i.e. after the commit.
import { createAppContext } from '../../electron/app/appContext';
import { createDispatcher } from '../../electron/app/dispatcher';
import { createHandlers } from '../../electron/handlers';

async function main(): Promise<void> {
  const dataDir = process.argv[2]!;
  const ctx = await createAppContext({ dataDir });
  const dispatch = createDispatcher(createHandlers(ctx));
  for (let i = 0; ; i++) {
    const userName = `captain-${i}`;
    const result = await dispatch('settings.update', { userName });
    if (!result.ok) throw new Error(result.error.message);
    ctx.outbox.append('settings', 'userName', 'update', { userName }, new Date().toISOString());
    process.stdout.write(`ack ${userName}\n`);
  }
}

void main();
