import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd, Modal, Stack, Text, Title } from '@mantine/core';
import { keyLabel, SHORTCUT_SCOPES, SHORTCUTS, type KeyCombo, type ShortcutId } from '../search/shortcuts';
import './keyboard.css';

const ids = Object.keys(SHORTCUTS) as ShortcutId[];

/** One way to press a shortcut: its modifiers, then its key (or keys: "↑ / ↓"). */
function Combo({ combo }: { combo: KeyCombo }) {
  const { t } = useTranslation();
  return (
    <span className="k-shortcut-combo">
      {(combo.mods ?? []).map((m) => (
        <Fragment key={m}>
          <Kbd size="xs">{keyLabel(t, m)}</Kbd>+
        </Fragment>
      ))}
      {combo.keys.map((k, i) => (
        <Fragment key={k}>
          {i > 0 ? <span className="k-shortcut-sep">/</span> : null}
          <Kbd size="xs">{keyLabel(t, k)}</Kbd>
        </Fragment>
      ))}
    </span>
  );
}

/** The `?` dialog: every keyboard shortcut of the app, read from the table the key handlers use. */
export function ShortcutsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('keyboard.title')} size="lg">
      <Stack gap="md" data-testid="shortcuts-dialog">
        {SHORTCUT_SCOPES.map((scope) => (
          <section key={scope} aria-labelledby={`k-shortcuts-${scope}`}>
            <Title order={3} size="sm" mb={6} id={`k-shortcuts-${scope}`}>
              {t(`keyboard.scopes.${scope}`)}
            </Title>
            <dl className="k-shortcut-list">
              {ids
                .filter((id) => SHORTCUTS[id].scope === scope)
                .map((id) => (
                  <div key={id} className="k-shortcut-row" data-testid={`shortcut-${id}`}>
                    <dt>
                      {SHORTCUTS[id].combos.map((c, i) => (
                        <Fragment key={i}>
                          {i > 0 ? <span className="k-shortcut-or">{t('keyboard.or')}</span> : null}
                          <Combo combo={c} />
                        </Fragment>
                      ))}
                    </dt>
                    <dd>{t(`keyboard.actions.${id}`)}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
        <Text size="xs" c="dimmed">
          {t('keyboard.notInFields')}
        </Text>
      </Stack>
    </Modal>
  );
}
