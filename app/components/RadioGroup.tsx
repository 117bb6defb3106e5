// A group of mutually exclusive choices drawn as buttons, with the ARIA radio-group keyboard pattern
// (https://www.w3.org/WAI/ARIA/apg/patterns/radio/): one tab stop (the checked radio, roving tabindex);
// arrow keys move to the next / previous choice and select it, wrapping; Home / End go to the ends.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface RadioOption<T extends string> {
  value: T;
  label: ReactNode;
  /** Tooltip and longer description. */
  title?: string;
}

interface Props<T extends string> {
  /** The group's accessible name. */
  label: string;
  options: readonly RadioOption<T>[];
  value: T;
  onChange: (value: T) => void;
  className?: string;
}

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function RadioGroup<T extends string>({ label, options, value, onChange, className = 'tool-group' }: Props<T>) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const checked = Math.max(
    0,
    options.findIndex((o) => o.value === value),
  );

  const onKeyDown = (at: number, e: KeyboardEvent<HTMLButtonElement>) => {
    const n = options.length;
    let next: number;
    if (e.key in STEP) next = (at + STEP[e.key] + n) % n;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else return;
    e.preventDefault();
    buttons.current[next]?.focus();
    if (options[next].value !== value) onChange(options[next].value);
  };

  return (
    <div className={className} role="radiogroup" aria-label={label}>
      {options.map((o, i) => (
        <button
          key={o.value}
          ref={(el) => {
            buttons.current[i] = el;
          }}
          type="button"
          role="radio"
          aria-checked={i === checked}
          tabIndex={i === checked ? 0 : -1}
          title={o.title}
          onClick={() => onChange(o.value)}
          onKeyDown={(e) => onKeyDown(i, e)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
