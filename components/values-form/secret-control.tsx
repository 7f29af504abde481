"use client";
// A credential: masked unless revealed, and a strong random value on request (WebCrypto, never Math.random).
// The input is uncontrolled (registered in the form).
import { useState } from "react";
import type { ControlProps } from "./control-props";

/** A strong random value that satisfies the field's pattern when it has one (a 32-byte base64 key, or 32 URL-safe characters). */
export function generateSecret(pattern: string | undefined): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  if (pattern && new RegExp(pattern).test(base64)) return base64;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  // 256 % 62 ≠ 0: redraw the few bytes that would bias the result.
  let out = "";
  while (out.length < 32) {
    for (const b of crypto.getRandomValues(new Uint8Array(48))) if (b < 248 && out.length < 32) out += alphabet[b % 62];
  }
  return out;
}

export function SecretControl({ field, id, form, onChange, describedBy, invalid }: ControlProps) {
  const [revealed, setRevealed] = useState(false);
  return (
    <span>
      <input
        id={id}
        type={revealed ? "text" : "password"}
        autoComplete="new-password"
        spellCheck={false}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        {...form.register(field.path, { onChange: (e: { target: HTMLInputElement }) => onChange(e.target.value) })}
      />
      <button type="button" aria-pressed={revealed} aria-label={`Show ${field.label}`} onClick={() => setRevealed((r) => !r)}>
        {revealed ? "Hide" : "Show"}
      </button>
      <button
        type="button"
        aria-label={`Generate a strong value for ${field.label}`}
        onClick={() => {
          const value = generateSecret(field.pattern);
          form.setValue(field.path, value);
          onChange(value);
        }}
      >
        Generate
      </button>
    </span>
  );
}
