import { useUiStore } from '../state/uiStore';
import { sections } from './sections';

export function ShortcutsHelp() {
  const setOpen = useUiStore((s) => s.setShortcutsOpen);
  const rows: [string, string][] = [
    ['Ctrl/⌘ K', 'Command palette'],
    ['/', 'Search in this view'],
    ['Shift C', 'Record a production change (from anywhere)'],
    ['j / k, Enter', 'Move in a list, open the selection'],
    ...sections.map((s): [string, string] => [`g ${s.key}  or  Alt ${s.digit}`, s.label]),
    ['t', 'Toggle theme'],
    ['?', 'This help (each view also shows its own keys under its title)'],
    ['Esc', 'Close'],
  ];
  return (
    <div className="overlay" onMouseDown={() => setOpen(false)}>
      <div className="palette shortcuts" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onMouseDown={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table className="table">
          <tbody>
            {rows.map(([keys, what]) => (
              <tr key={what}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
