import { EmptyState } from '../../components/panel';
import { useAppStore } from '../../store/context';
import { isUnreachable } from '../../store/types';
import type { BotConfig } from '../../../src-shared/config-schema';
import { ConfigSection, sectionDomId, sectionShown } from './config-section';
import { ExecutionModeCard } from './execution-mode-card';
import { SECTIONS } from './field-meta';
import { SaveBar } from './save-bar';
import { useConfigForm, type ConfigForm } from './use-config-form';

/** The section list on the left: a dot for changes, a count for problems. Buttons, not links: the URL hash holds the token. */
function SectionNav({ form }: { form: ConfigForm }) {
  const jump = (id: string) => document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  return (
    <nav className="cfg-nav" aria-label="Configuration sections">
      <button type="button" className="cfg-nav__item" onClick={() => jump('cfg-execution')}>
        Paper / live
      </button>
      {SECTIONS.map((section) => {
        const inSection = (path: string) =>
          section.fields.some((f) => path === f.path || path.startsWith(`${f.path}.`));
        const problems = section.fields.reduce((n, f) => n + (form.errors.get(f.path)?.length ?? 0), 0);
        const changed = form.diff.some((d) => inSection(d.path));
        const off = !sectionShown(section, form.draft.instrumentMode);
        return (
          <button
            key={section.id}
            type="button"
            className={off ? 'cfg-nav__item cfg-nav__item--off' : 'cfg-nav__item'}
            data-testid={`cfg-nav-${section.id}`}
            onClick={() => jump(sectionDomId(section.id))}
          >
            <span className="cfg-nav__label">{section.title}</span>
            {changed && <span className="cfg-nav__dot" title="Unsaved changes" />}
            {problems > 0 && (
              <span className="cfg-nav__problems num" title="Problems to fix">
                {problems}
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}

function ConfigurationForm({ config }: { config: BotConfig }) {
  const form = useConfigForm(config);
  const other = form.errors.get('') ?? [];
  return (
    <div className="cfg" data-testid="tab-content-configuration">
      <SectionNav form={form} />
      <div className="cfg__main">
        <ExecutionModeCard />
        {other.length > 0 && (
          <div className="banner banner--error cfg-other" role="alert" data-testid="config-other-errors">
            <strong className="banner__title">Problems</strong>
            <span className="banner__text">{other.join(' · ')}</span>
          </div>
        )}
        {SECTIONS.map((section) => (
          <ConfigSection key={section.id} section={section} form={form} />
        ))}
        <SaveBar form={form} />
      </div>
    </div>
  );
}

/** Tab 6: every setting of the bot, validated with the shared schema, saved through a reviewed diff. */
export function Configuration() {
  const config = useAppStore((s) => s.config);
  const unreachable = useAppStore(isUnreachable);
  if (!config) {
    return (
      <div data-testid="tab-content-configuration">
        {unreachable ? (
          <EmptyState title="Not connected to the bot">
            The configuration loads once the dashboard is connected.
          </EmptyState>
        ) : (
          <EmptyState title="Loading the configuration…">It arrives with the first answer from the bot.</EmptyState>
        )}
      </div>
    );
  }
  return <ConfigurationForm config={config} />;
}
