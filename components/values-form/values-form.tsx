"use client";
// The form of one rail node: its fields in collapsible sections, generated from the model. Its state is a
// react-hook-form form holding the node's effective values of the active layer: scalar inputs are registered
// uncontrolled (a keystroke renders nothing), lists and maps go through useController, and each row shows its
// error from the form's state. Every change is sent to the layer (onCommit, which writes it once the
// preview has rendered it); changes made elsewhere (YAML, undo, import) come back field by field
// through setValue, and the model's problems through setError/clearErrors.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useForm, type FieldValues } from "react-hook-form";
import type { AuthoringField } from "@/lib/authoring/authoring-fields";
import { isChanged } from "@/lib/authoring/changed-fields";
import { sameValue, valueAt } from "@/lib/authoring/plain-path";
import type { PlainValue } from "@/lib/export/index";
import { FieldRow } from "./field-row";
import styles from "./values-form.module.css";

export interface ValuesFormProps {
  /** The node's fields, in values.yaml order. */
  fields: readonly AuthoringField[];
  /** Effective values of the active layer (chart defaults, base, environment). */
  values: PlainValue;
  problems: ReadonlyMap<string, string>;
  /** Paths the active layer sets itself. */
  setHere: ReadonlySet<string>;
  /** In an environment, the paths its base layer sets. */
  fromBase: ReadonlySet<string>;
  layerName: string;
  /** Only rows whose value differs from the chart default. */
  onlyChanged: boolean;
  /** The form is read-only while the layer's YAML cannot be read. */
  disabled: boolean;
  onCommit: (path: string, value: PlainValue) => void;
  /** Removes these paths from the active layer. */
  onReset: (paths: readonly string[]) => void;
  /** A change of it: the values that come next replace what every box holds, even values sent and not back yet (an undo). */
  followTurn: number;
}

/** How long a value sent to the layer may take to come back before the layer's value wins again. */
const PENDING_MS = 3000;

interface Section {
  key: string;
  title: string;
  fields: AuthoringField[];
}

function sectionsOf(fields: readonly AuthoringField[]): Section[] {
  const out = new Map<string, Section>();
  for (const f of fields) {
    const s = out.get(f.section) ?? { key: f.section, title: f.sectionTitle, fields: [] };
    s.fields.push(f);
    out.set(f.section, s);
  }
  return [...out.values()];
}

const noSubmit = (e: FormEvent) => e.preventDefault();

/** The part of `values` under the fields' top-level keys: the form holds only its node (RHF copies what it holds). */
function nodeValues(values: PlainValue, fields: readonly AuthoringField[]): FieldValues {
  const out: FieldValues = {};
  for (const f of fields) {
    const top = f.segments[0];
    if (top !== undefined && !(top in out)) out[top] = valueAt(values, [top]) ?? {};
  }
  return out;
}

export function ValuesForm({ fields, values, problems, setHere, fromBase, layerName, onlyChanged, disabled, onCommit, onReset, followTurn }: ValuesFormProps) {
  // The form is keyed by node and layer, so the fields and the values it starts from are those of its mount.
  const [initial] = useState(() => nodeValues(values, fields));
  const form = useForm<FieldValues>({ defaultValues: initial, shouldUnregister: false });
  const previous = useRef(values);

  // A field's error is what a control found in its text (a draft that is not a value yet) or else what the
  // model says about the layer's value (lib/authoring's sentences, cross-field rules included).
  const drafts = useRef(new Map<string, string>());
  const modelProblems = useRef(problems);
  const showProblem = useCallback(
    (path: string) => {
      const want = drafts.current.get(path) ?? modelProblems.current.get(path);
      if (want === form.getFieldState(path).error?.message) return;
      if (want === undefined) form.clearErrors(path);
      else form.setError(path, { type: "validate", message: want });
    },
    [form],
  );
  const draftProblem = useCallback(
    (path: string, problem: string | null) => {
      if (problem === null) drafts.current.delete(path);
      else drafts.current.set(path, problem);
      showProblem(path);
    },
    [showProblem],
  );
  useEffect(() => {
    modelProblems.current = problems;
    for (const f of fields) showProblem(f.path);
  }, [problems, fields, showProblem]);

  // Values the form sent to the layer that have not come back yet, per field in the order sent: the layer is
  // written after the preview has rendered it, in a transition, so while someone types, the values that
  // arrive are older than what is in the box. They arrive in the order sent (some skipped, as a write takes
  // the last value typed since the one before), so an arriving value that equals one sent marks it and those
  // before it as reached; a field follows the layer again once its last value sent has come back.
  const pending = useRef(new Map<string, { sent: PlainValue[]; at: number }>());
  const commit = useCallback(
    (path: string, value: PlainValue) => {
      const p = pending.current.get(path);
      if (p) {
        p.sent.push(value);
        p.at = performance.now();
      } else pending.current.set(path, { sent: [value], at: performance.now() });
      onCommit(path, value);
    },
    [onCommit],
  );

  // Push values changed outside the form into it, one field at a time (no whole-form reset).
  const followed = useRef(followTurn);
  useEffect(() => {
    if (followed.current !== followTurn) {
      followed.current = followTurn;
      pending.current.clear();
    }
    const before = previous.current;
    previous.current = values;
    if (before === values) return;
    const now = performance.now();
    for (const f of fields) {
      const next = valueAt(values, f.segments);
      const changed = !sameValue(next, valueAt(before, f.segments));
      const p = pending.current.get(f.path);
      if (p) {
        // A value typed earlier can come back after a later one that equals it (1, 12, 1, 13: the first 1
        // again), so only a change of the layer's value marks progress, and only from the first match on.
        const reached = changed ? p.sent.findIndex((v) => sameValue(v, next)) : -1;
        if (reached >= 0) p.sent.splice(0, reached + 1);
        // Caught up (or given up on after a while, e.g. an edit the layer refused): follow the layer again.
        if (p.sent.length === 0 || now - p.at > PENDING_MS) pending.current.delete(f.path);
        continue;
      }
      if (!changed) continue;
      // A value from elsewhere replaces what the box held, and a draft's problem with it.
      if (!sameValue(form.getValues(f.path) as PlainValue | undefined, next)) form.setValue(f.path, next ?? null);
      if (drafts.current.delete(f.path)) showProblem(f.path);
    }
  }, [values, fields, form, showProblem, followTurn]);

  // Stable, so memoised rows do not re-render when the form does.
  const resetOne = useCallback((path: string) => onReset([path]), [onReset]);
  const changed = useMemo(() => new Set(fields.filter((f) => isChanged(f, valueAt(values, f.segments))).map((f) => f.path)), [fields, values]);
  const rows = (s: Section) => (onlyChanged ? s.fields.filter((f) => changed.has(f.path)) : s.fields);
  const sections = sectionsOf(fields);
  const visible = sections.filter((s) => rows(s).length > 0);

  // One <form> per section, not one for the whole node: Chromium's autofill reads every control of a field's
  // form after each keystroke (a trace showed ~5-10 ms per key with all of a node's fields in one form).
  // The whole stays one region named "Values"; the section forms are unnamed, so they are not landmarks.
  return (
    <div role="form" className={styles.form} aria-label="Values">
      <fieldset className={styles.all} disabled={disabled}>
        <legend className={styles.visuallyHidden}>Values of {layerName}</legend>
        {visible.length === 0 && <p className="muted">No value of this part differs from the chart defaults.</p>}
        {visible.map((s) => {
          const here = s.fields.filter((f) => setHere.has(f.path)).map((f) => f.path);
          const headingId = `section-${s.fields[0]?.node ?? ""}-${s.key}`;
          return (
            <details key={s.key} className={styles.section} open>
              <summary>
                <h2 id={headingId} className={styles.sectionTitle}>
                  {s.title}
                </h2>
                {here.length > 0 && <span className={styles.badgeLayer}>{here.length} set in {layerName}</span>}
              </summary>
              <form noValidate onSubmit={noSubmit}>
                <div role="group" aria-labelledby={headingId}>
                  {here.length > 0 && (
                    <button
                      type="button"
                      className={styles.sectionReset}
                      aria-label={`Reset section ${s.title}`}
                      onClick={(e) => {
                        // The button goes with the values it resets: focus stays in the section, on its heading.
                        e.currentTarget.closest("details")?.querySelector("summary")?.focus();
                        onReset(here);
                      }}
                    >
                      Reset section
                    </button>
                  )}
                  {rows(s).map((f) => (
                    <FieldRow
                      key={f.path}
                      field={f}
                      form={form}
                      changed={changed.has(f.path)}
                      source={setHere.has(f.path) ? "layer" : fromBase.has(f.path) ? "base" : "default"}
                      layerName={layerName}
                      onCommit={commit}
                      onDraftProblem={draftProblem}
                      onReset={resetOne}
                    />
                  ))}
                </div>
              </form>
            </details>
          );
        })}
      </fieldset>
    </div>
  );
}
