import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Group, Paper, Progress, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { importModules, MAX_IMPORT_BYTES, type Import, type ImportModule } from '@kontor/contract/imports';
import { useSessionQuery } from '../auth/session';
import { useMyRights } from '../auth/permissions';
import { ImportRefusal, uploadImport } from './api';
import { refusalMessage } from './refusals';
import { ACCEPTED_EXTENSIONS, fileSizeText } from './status';

interface Props {
  /** Preselected when the wizard was opened from a list. */
  module: ImportModule | undefined;
  onUploaded: (imp: Import) => void;
}

/** Step 1: the module, the file (dropped or picked), the upload with its progress; a refusal says why in the user's words. */
export function UploadStep({ module: preset, onUploaded }: Props) {
  const { t, i18n } = useTranslation();
  const rights = useMyRights();
  const csrf = useSessionQuery().data?.csrfToken ?? null;
  const allowed = importModules.filter((m) => rights.can(m, 'import'));
  const [module, setModule] = useState<ImportModule | null>(preset && allowed.includes(preset) ? preset : (allowed[0] ?? null));
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const choose = (f: File | null | undefined) => {
    setError(null);
    if (!f) return;
    if (f.size > MAX_IMPORT_BYTES) {
      setError(t('imports.refusals.file_too_large'));
      return;
    }
    setFile(f);
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };
  const upload = async () => {
    if (!file || !module) return;
    setError(null);
    setProgress(0);
    try {
      const imp = await uploadImport(module, file, csrf, setProgress);
      onUploaded(imp);
    } catch (e) {
      setProgress(null);
      setError(refusalMessage(t, e));
      if (!(e instanceof ImportRefusal)) console.warn('import upload failed', e);
    }
  };

  if (allowed.length === 0) {
    return (
      <Alert color="orange" icon={<IconAlertTriangle size={16} />} data-testid="import-no-right">
        {t('imports.upload.noRight')}
      </Alert>
    );
  }
  const uploading = progress !== null;
  return (
    <Stack gap="md" maw={720} data-testid="import-upload">
      <Select
        label={t('imports.upload.module')}
        data={allowed.map((m) => ({ value: m, label: t(`nav.${m}`) }))}
        value={module}
        onChange={(v) => setModule(allowed.find((m) => m === v) ?? null)}
        allowDeselect={false}
        w={280}
        disabled={uploading}
        data-testid="import-module"
      />
      <UnstyledButton
        className="k-import-drop"
        data-dragging={dragging || undefined}
        onClick={() => input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        disabled={uploading}
        aria-describedby="import-drop-hint"
        data-testid="import-drop"
      >
        <Stack align="center" gap={6}>
          <IconFileUpload size={34} stroke={1.4} aria-hidden />
          <Text fw={600}>{file ? file.name : t('imports.upload.drop')}</Text>
          <Text size="sm" c="dimmed" id="import-drop-hint">
            {file ? fileSizeText(file.size, i18n.language) : t('imports.upload.formats')}
          </Text>
        </Stack>
      </UnstyledButton>
      <input
        ref={input}
        type="file"
        hidden
        accept={ACCEPTED_EXTENSIONS.join(',')}
        onChange={(e) => {
          choose(e.currentTarget.files?.[0]);
          e.currentTarget.value = '';
        }}
        aria-label={t('imports.upload.pick')}
        data-testid="import-file"
      />
      {uploading ? (
        <Paper withBorder p="sm" radius="md">
          <Stack gap={6}>
            <Group justify="space-between">
              <Text size="sm">{progress < 1 ? t('imports.upload.uploading') : t('imports.upload.reading')}</Text>
              <Text size="sm" c="dimmed">
                {Math.round(progress * 100)} %
              </Text>
            </Group>
            <Progress value={progress * 100} animated aria-label={t('imports.upload.uploading')} data-testid="import-upload-progress" />
          </Stack>
        </Paper>
      ) : null}
      {error ? (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert" data-testid="import-upload-error">
          {error}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button leftSection={<IconUpload size={16} />} onClick={() => void upload()} disabled={!file || !module} loading={uploading} data-testid="import-upload-start">
          {t('imports.upload.start')}
        </Button>
      </Group>
    </Stack>
  );
}
