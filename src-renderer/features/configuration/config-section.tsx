import type { InstrumentMode } from '../../../src-shared/bot-state';
import { BrokerKeys } from './broker-keys';
import { ConfigField } from './config-field';
import { INSTRUMENT_MODE_OPTIONS, type SectionMeta } from './field-meta';
import type { ConfigForm } from './use-config-form';

export const sectionDomId = (id: string) => `cfg-${id}`;

/** Whether a section applies to the edited instrument mode. */
export const sectionShown = (section: SectionMeta, mode: InstrumentMode): boolean =>
  !section.modes || section.modes.includes(mode);

/** The ETF universe in use: underlying → bull / bear, read-only (edited in the Leveraged ETF section). */
function EtfUniverse({ form }: { form: ConfigForm }) {
  const pairs = Object.entries(form.draft.leveragedEtf.sectorMap);
  return (
    <div className="cfg-universe" data-testid="etf-universe">
      <div className="cfg-field__label">Active ETF universe</div>
      <ul className="cfg-universe__list">
        {pairs.map(([underlying, pair]) => (
          <li key={underlying} className="cfg-universe__pair num">
            <span className="strong">{underlying}</span>
            <span className="muted">→</span>
            <span className="tone-up">{pair.bull}</span>
            <span className="muted">/</span>
            <span className="tone-down">{pair.bear}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ConfigSection({ section, form }: { section: SectionMeta; form: ConfigForm }) {
  const mode = form.draft.instrumentMode;
  const shown = sectionShown(section, mode);
  return (
    <section
      className={shown ? 'panel cfg-section' : 'panel cfg-section cfg-section--off'}
      id={sectionDomId(section.id)}
      data-testid={`cfg-section-${section.id}`}
      aria-labelledby={`${sectionDomId(section.id)}-title`}
    >
      <header className="cfg-section__head">
        <h2 className="panel__title" id={`${sectionDomId(section.id)}-title`}>
          {section.title}
        </h2>
        <p className="cfg-section__intro">{section.intro}</p>
      </header>
      {shown ? (
        <div className="cfg-grid">
          {section.fields.map((field) => (
            <ConfigField key={field.path} meta={field} form={form} />
          ))}
          {section.id === 'instrument' && mode !== 'options' && <EtfUniverse form={form} />}
          {section.id === 'broker' && <BrokerKeys />}
        </div>
      ) : (
        <p className="cfg-section__off muted">
          Not used in {INSTRUMENT_MODE_OPTIONS[mode]} mode. Choose{' '}
          {section.modes?.map((m) => INSTRUMENT_MODE_OPTIONS[m]).join(' or ')} above to see and edit these settings.
        </p>
      )}
    </section>
  );
}
