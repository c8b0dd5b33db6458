import { useContext, useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button, Group, Text } from '@mantine/core';
import { IconCheck, IconPencil } from '@tabler/icons-react';
import { ApiError } from '../../lib/api';
import { errorMessage, fieldMessage, zodFieldErrors } from '../../lib/errors';
import { FieldItem, FieldValue } from './FieldItem';
import { InlineConflict } from './InlineConflict';
import { InlineEditor } from './inline-editors';
import { checkPatch, customPatchErrors, draftOf, messageFor, patchOf, sameDraft, type Draft, type InlineSpec } from './inline-values';
import { InlineEditingContext, type InlineEditing } from './useInlineEditing';
import './inline.css';

interface Props {
  /** The page's inline editing (default: the page's, from its context); null shows the value only. */
  editing?: InlineEditing | null;
  /** The field's key (`customFields.<key>` for a custom field). */
  field: string;
  label: string;
  value: ReactNode;
  testId?: string;
  span?: boolean;
}

/**
 * A field of a record page. For a user who may edit it, the value is a control ("Edit <label>"): click or Enter opens
 * the editor in place; Enter (Ctrl/Cmd+Enter in a text area), choosing an option or leaving the field saves; Escape
 * cancels. The value is checked with the module's update schema first; the server's field error shows under the editor,
 * which stays open with what the user typed; a version conflict shows who changed what, with Reload and Keep mine.
 */
export function InlineField(props: Props) {
  const page = useContext(InlineEditingContext);
  const editing = props.editing === undefined ? page : props.editing;
  const spec = editing?.specOf(props.field) ?? null;
  if (!editing || !spec) {
    return (
      <FieldItem label={props.label} span={props.span} testId={props.testId}>
        {props.value}
      </FieldItem>
    );
  }
  return <EditableField {...props} editing={editing} spec={spec} />;
}

/** The message of a refused save for the field: its own field error (translated), else what happened. */
function saveError(t: TFunction, field: string, e: unknown): string {
  if (e instanceof ApiError && e.code === 'validation_failed') {
    const own = messageFor(field, e.fields);
    if (own) return fieldMessage(t, own);
  }
  return errorMessage(t, e);
}

type How = 'key' | 'blur' | 'pick';

function EditableField({ editing, spec, field, label, value, testId, span }: Omit<Props, 'editing'> & { editing: InlineEditing; spec: InlineSpec }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [draft, setDraftState] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef<Draft | null>(null);
  const openedWith = useRef<Draft | null>(null);
  const busyRef = useRef(false);
  const refocus = useRef(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const valueId = useId();
  const conflict = editing.conflicts.conflict?.field === field ? editing.conflicts.conflict : null;
  const open = draft !== null;
  const multiline = spec.kind === 'textarea' || (spec.kind === 'custom' && spec.def.type === 'longtext');
  const opensList = spec.kind === 'select' || spec.kind === 'owner' || spec.kind === 'record' || (spec.kind === 'custom' && (spec.def.type === 'picklist' || spec.def.type === 'multiselect'));

  const setDraft = (d: Draft | null) => {
    latest.current = d;
    setDraftState(d);
  };
  const start = () => {
    const initial = draftOf(spec, editing.record, locale);
    openedWith.current = initial;
    setError(null);
    setDraft(initial);
  };
  const close = (focusBack: boolean) => {
    refocus.current = focusBack;
    setError(null);
    setDraft(null);
    if (editing.conflicts.conflict?.field === field) editing.conflicts.report(null);
  };

  // The editor takes the focus when it opens (a list opens its options); the value takes it back after Enter or Escape.
  useEffect(() => {
    if (open) {
      const input = editorRef.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>('input:not([type="hidden"]), textarea');
      if (!input) return;
      input.focus();
      try {
        input.setSelectionRange(input.value.length, input.value.length);
      } catch {
        // dates, e-mail addresses and check boxes have no caret to place
      }
      if (opensList) input.click();
    } else if (refocus.current) {
      refocus.current = false;
      triggerRef.current?.focus();
    }
  }, [open, opensList]);

  const submit = async (next: Draft, how: How, version?: number): Promise<void> => {
    if (busyRef.current) return;
    // nothing typed: nothing to send (not even when the record changed meanwhile: that would undo someone's change)
    const untouched = openedWith.current !== null && sameDraft(next, openedWith.current);
    if (version === undefined && (untouched || sameDraft(next, draftOf(spec, editing.record, locale)))) return close(how !== 'blur');
    const patch = patchOf(spec, next, locale);
    const zodError = checkPatch(editing.schema, patch);
    const invalid = messageFor(field, { ...(zodError ? zodFieldErrors(zodError) : {}), ...customPatchErrors(patch, editing.defs) });
    if (invalid) return setError(fieldMessage(t, invalid));
    busyRef.current = true;
    setBusy(true);
    setError(null);
    const result = await editing.save(patch, { field, version, retry: (v) => (latest.current ? submit(latest.current, 'key', v) : Promise.resolve()) });
    busyRef.current = false;
    setBusy(false);
    if (result.ok) close(how !== 'blur');
    else if (!result.conflict) setError(saveError(t, field, result.error));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = latest.current;
    if (!current) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing || e.target instanceof HTMLButtonElement) return;
    if (multiline && !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    void submit(current, 'key');
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    const next = e.relatedTarget;
    if (next instanceof Node && e.currentTarget.contains(next)) return;
    // options of a list open in a layer of their own
    if (next instanceof Element && next.closest('.mantine-Combobox-dropdown, .mantine-Popover-dropdown')) return;
    if (!latest.current || conflict || busyRef.current) return;
    void submit(latest.current, 'blur');
  };
  const onViewClick = (e: MouseEvent<HTMLDivElement>) => {
    // links keep working, and selecting text to copy it opens nothing
    if (e.target instanceof Element && e.target.closest('a, button, input')) return;
    if (window.getSelection()?.toString()) return;
    start();
  };

  return (
    <div className="k-inline" data-editing={open || undefined} style={span ? { gridColumn: '1 / -1' } : undefined} data-testid={testId}>
      <div className="k-field-label">{label}</div>
      {draft ? (
        <div ref={editorRef} className="k-inline-editor" onKeyDown={onKeyDown} onBlur={onBlur} aria-busy={busy} data-testid={`inline-editor-${field}`}>
          <InlineEditor
            spec={spec}
            draft={draft}
            label={label}
            error={error}
            onDraft={(d) => {
              setDraft(d);
              setError(null);
            }}
            onPick={(d) => {
              setDraft(d);
              void submit(d, 'pick');
            }}
          />
          <Group gap={6} mt={6} wrap="wrap">
            <Button size="compact-xs" leftSection={<IconCheck size={13} />} loading={busy} onClick={() => latest.current && void submit(latest.current, 'key')} data-testid="inline-save">
              {t('common.save')}
            </Button>
            <Button size="compact-xs" variant="subtle" color="gray" disabled={busy} onClick={() => close(true)} data-testid="inline-cancel">
              {t('common.cancel')}
            </Button>
            <Text size="xs" c="dimmed">
              {t(multiline ? 'inline.keysMultiline' : 'inline.keys')}
            </Text>
          </Group>
          {conflict ? <InlineConflict conflict={conflict} labelOf={editing.labelOf} /> : null}
        </div>
      ) : (
        <div className="k-field-value k-inline-view" onClick={onViewClick}>
          <div id={valueId} className="k-inline-text">
            <FieldValue>{value}</FieldValue>
          </div>
          <button
            ref={triggerRef}
            type="button"
            className="k-inline-trigger"
            aria-label={t('inline.edit', { field: label })}
            aria-describedby={valueId}
            onClick={start}
            data-testid={testId ? `${testId}-edit` : undefined}
          >
            <IconPencil size={14} aria-hidden />
          </button>
        </div>
      )}
    </div>
  );
}
