import { describe, expect, it } from 'vitest';
import { textAfterSave } from '../../renderer/src/views/incidents/typedAhead';

describe('incident console boxes after a save', () => {
  it('empties the box when nothing was typed meanwhile', () => {
    expect(textAfterSave('Paged by KubePersistentVolumeFillingUp', 'Paged by KubePersistentVolumeFillingUp')).toBe('');
  });
  it('keeps the next entry typed while the previous one was saving', () => {
    expect(textAfterSave('03:36 resize only applied to postgres-0D', '03:36 resize only applied to postgres-0')).toBe('D');
    expect(textAfterSave('Restarted pods Deleted old WAL', 'Restarted pods')).toBe('Deleted old WAL');
  });
  it('leaves a box that was edited in another way alone', () => {
    expect(textAfterSave('Restarted the pods', 'Restarted pods')).toBe('Restarted the pods');
    expect(textAfterSave('', 'Restarted pods')).toBe('');
  });
});
