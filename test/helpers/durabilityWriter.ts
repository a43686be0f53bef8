// Child process for the kill -9 test: writes through the real dispatcher and prints an
// acknowledgement only after each call returned, i.e. after the commit.
import { openWriterApp } from './writerApp';

async function main(): Promise<void> {
  const { ctx, dispatch } = await openWriterApp();
  for (let i = 0; ; i++) {
    const userName = `captain-${i}`;
    const result = await dispatch('settings.update', { userName });
    if (!result.ok) throw new Error(result.error.message);
    ctx.outbox.append('settings', 'userName', 'update', { userName }, new Date().toISOString());
    process.stdout.write(`ack ${userName}\n`);
  }
}

void main();
