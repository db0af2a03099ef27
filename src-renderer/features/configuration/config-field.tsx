import { useId } from 'react';
import { formatValue, getIn } from './draft';
import type { FieldMeta } from './field-meta';
import {
  Choice,
  Choices,
  EmaPair,
  FixedValue,
  NumberInput,
  TextInput,
  Toggle,
  type WidgetProps,
} from './field-widgets';
import { ListEditor, SectorMapEditor } from './list-editors';
import { kindOf, schemaAt } from './schema-info';
import type { ConfigForm } from './use-config-form';

/** Kinds whose control is a group of inputs, labelled by the field's label rather than `for`. */
const GROUP_KINDS = new Set(['choice', 'choices', 'ema-pair', 'tickers', 'dates', 'sector-map', 'fixed']);

function Widget({ meta, form, ...p }: WidgetProps & { meta: FieldMeta; form: ConfigForm; labelId: string }) {
  const kind = kindOf(p.node);
  switch (kind) {
    case 'number':
    case 'integer':
      return <NumberInput {...p} integer={kind === 'integer'} />;
    case 'toggle':
      return <Toggle {...p} />;
    case 'time':
      return <TextInput {...p} time />;
    case 'fixed':
      return <FixedValue {...p} />;
    case 'choice':
      return <Choice {...p} labels={meta.options} explanations={meta.optionHelp} />;
    case 'choices':
      return <Choices {...p} labels={meta.options} />;
    case 'ema-pair':
      return <EmaPair {...p} textOf={form.textOf} set={form.set} />;
    case 'tickers':
    case 'dates':
      return <ListEditor {...p} kind={kind} />;
    case 'sector-map':
      return <SectorMapEditor {...p} savedMap={form.saved.leveragedEtf.sectorMap} />;
    default:
      return <TextInput {...p} />;
  }
}

/** One setting: label, input (chosen by its schema), unit, a short explanation and its problems. */
export function ConfigField({ meta, form }: { meta: FieldMeta; form: ConfigForm }) {
  const id = useId();
  const node = schemaAt(meta.path);
  const errors = form.errors.get(meta.path) ?? [];
  const value = getIn(form.draft, meta.path);
  const changed = form.diff.some((d) => d.path === meta.path || d.path.startsWith(`${meta.path}.`));
  const kind = kindOf(node);
  const group = GROUP_KINDS.has(kind);
  const helpId = meta.help ? `${id}-help` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const classes = ['cfg-field', meta.wide && 'cfg-field--wide', errors.length > 0 && 'cfg-field--invalid']
    .filter(Boolean)
    .join(' ');
  const Label = group ? 'span' : 'label';

  return (
    <div className={classes} data-testid={`field-${meta.path}`}>
      <Label id={`${id}-label`} className="cfg-field__label" {...(!group && { htmlFor: id })}>
        {meta.label}
        {changed && (
          <span className="cfg-field__changed" title={`Saved value: ${formatValue(getIn(form.saved, meta.path))}`}>
            changed
          </span>
        )}
      </Label>
      <div className="cfg-field__control">
        <Widget
          meta={meta}
          form={form}
          id={id}
          labelId={`${id}-label`}
          path={meta.path}
          node={node}
          value={value}
          text={form.textOf(meta.path)}
          invalid={errors.length > 0}
          describedBy={describedBy}
          onChange={(v, text) => form.set(meta.path, v, text)}
        />
        {meta.unit && <span className="cfg-field__unit">{meta.unit}</span>}
      </div>
      {meta.help && (
        <div id={helpId} className="cfg-field__help">
          {meta.help}
        </div>
      )}
      {errors.length > 0 && (
        <div id={errorId} className="cfg-field__error" role="alert" data-testid={`error-${meta.path}`}>
          {errors.join(' · ')}
        </div>
      )}
    </div>
  );
}
