import { formatSignedMoney, toneOf } from '../../format/format';

/** A P&L amount with its sign, green or red. */
export function SignedMoney({ value, className }: { value: number | undefined; className?: string }) {
  const tone = `tone-${toneOf(value)}`;
  return <span className={className ? `${className} ${tone}` : tone}>{formatSignedMoney(value)}</span>;
}
