import { useUiStore } from '../state/uiStore';
import { sections } from './sections';

export function Nav() {
  const current = useUiStore((s) => s.route.section);
  const navigate = useUiStore((s) => s.navigate);
  return (
    <nav className="app-nav" aria-label="Sections">
      <ul>
        {sections.map((section) => (
          <li key={section.id}>
            <a
              href={`#/${section.id}`}
              aria-current={current === section.id ? 'page' : undefined}
              className={current === section.id ? 'active' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(section.id);
              }}
            >
              <span>{section.label}</span>
              <kbd className="nav-key">g {section.key}</kbd>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
