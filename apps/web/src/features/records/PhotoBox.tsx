import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionIcon, Box, Loader, Menu, Text } from '@mantine/core';
import { IconCamera, IconTrash, IconUpload } from '@tabler/icons-react';
import { RecordAvatar } from '../../components/RecordAvatar';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { deletePhoto, uploadPhoto, type RecordModule } from './api';

const MAX_BYTES = 1024 * 1024;
const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif';

interface Props<T> {
  module: RecordModule;
  id: string;
  name: string;
  photoUrl: string | null;
  onChanged: (record: T) => void;
  readOnly?: boolean;
}

/** Photo or logo with upload / change / remove; too-large and not-an-image answers show below it. */
export function PhotoBox<T>({ module, id, name, photoUrl, onChanged, readOnly }: Props<T>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const upload = async (file: File | null) => {
    if (inputRef.current) inputRef.current.value = '';
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES) {
      setError(t('photo.tooLarge'));
      return;
    }
    setBusy(true);
    try {
      onChanged(await uploadPhoto<T>(module, id, file));
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'payload_too_large' ? t('photo.tooLarge') : e instanceof ApiError && (e.code === 'invalid_image' || e.code === 'unsupported_media_type') ? t('photo.notImage') : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setError(null);
    setBusy(true);
    try {
      onChanged(await deletePhoto<T>(module, id));
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box ta="center">
      <Box pos="relative" display="inline-block">
        <RecordAvatar name={name} photoUrl={photoUrl} size={96} radius={module === 'accounts' ? 'md' : 'xl'} kind={module === 'accounts' ? 'organization' : 'person'} />
        {busy ? (
          <Box pos="absolute" inset={0} style={{ display: 'grid', placeItems: 'center', background: 'rgba(255,255,255,.6)', borderRadius: 12 }}>
            <Loader size="sm" />
          </Box>
        ) : null}
        {readOnly ? null : (
          <Menu position="bottom" withinPortal>
            <Menu.Target>
              <ActionIcon
                pos="absolute"
                bottom={-4}
                right={-4}
                radius="xl"
                variant="default"
                size="md"
                aria-label={photoUrl ? t('photo.change') : t('photo.upload')}
                data-testid="photo-menu"
              >
                <IconCamera size={15} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => inputRef.current?.click()} leftSection={<IconUpload size={15} />} data-testid="photo-upload">
                {photoUrl ? t('photo.change') : t('photo.upload')}
              </Menu.Item>
              {photoUrl ? (
                <Menu.Item color="red" leftSection={<IconTrash size={15} />} onClick={() => void remove()} data-testid="photo-remove">
                  {t('photo.remove')}
                </Menu.Item>
              ) : null}
            </Menu.Dropdown>
          </Menu>
        )}
      </Box>
      {/* outside the menu, so the input survives the menu closing while the file dialog is open */}
      <input
        ref={inputRef}
        type="file"
        accept={ACCEPT}
        hidden
        aria-hidden
        tabIndex={-1}
        data-testid="photo-input"
        onChange={(e) => void upload(e.currentTarget.files?.[0] ?? null)}
      />
      {error ? (
        <Text size="xs" c="red" mt={8} role="alert" data-testid="photo-error">
          {error}
        </Text>
      ) : null}
    </Box>
  );
}
