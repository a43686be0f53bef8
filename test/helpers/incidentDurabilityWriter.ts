// Child process for the incident kill -9 test: declares an incident, then adds timeline entries
// through the real dispatcher, printing each entry's id only after the call returned (committed).
import { openWriterApp } from './writerApp';

async function main(): Promise<void> {
  const { dispatch } = await openWriterApp();
  const declared = await dispatch('incidents.declare', { title: 'Kill -9 drill', severity: 1 });
  if (!declared.ok) throw new Error(declared.error.message);
  const incidentId = (declared.value as { id: string }).id;
  process.stdout.write(`incident ${incidentId}\n`);
  for (let i = 0; ; i++) {
    const result = await dispatch('incidents.addEntry', { incidentId, kind: i % 2 ? 'action' : 'note', text: `entry ${i}` });
    if (!result.ok) throw new Error(result.error.message);
    process.stdout.write(`ack ${(result.value as { id: string }).id} ${i}\n`);
  }
}

void main();
