import './two-factor-code-field.css';

/**
 * The 6-digit authenticator code, for approving a payment over the two-factor threshold (and for
 * Settings → Security). Numeric keypad on touch devices, one-time-code autofill where the platform
 * offers it; only digits are kept, at most six. The error is tied to the input so screen readers
 * read it with the field.
 */
export function TwoFactorCodeField({
  value,
  onChange,
  error,
  id,
  label = 'Authenticator code',
  hint = 'The 6-digit code your authenticator app shows for Steward.',
  disabled,
  autoFocus,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string | null;
  id: string;
  label?: string;
  hint?: string | null;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = error ? errorId : hint ? hintId : undefined;
  return (
    <div className={`field two-factor-code${error ? ' field--invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="text-input two-factor-code-input"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        placeholder="000000"
        spellCheck={false}
        value={value}
        disabled={disabled}
        autoFocus={autoFocus}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 6))}
      />
      {error ? (
        <p id={errorId} className="field-error-text" role="alert">
          {error}
        </p>
      ) : (
        hint && (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
