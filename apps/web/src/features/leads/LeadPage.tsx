import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { Button } from '@mantine/core';
import { IconTransform } from '@tabler/icons-react';
import type { Lead } from '@kontor/contract/leads';
import { useMyRights } from '../auth/permissions';
import { RecordLoader, RecordPageFrame } from '../records/RecordPageFrame';
import { ArrangedSections } from '../records/ArrangedSections';
import { activitiesSection, itemSections } from '../records/common-sections';
import { deleteLead, useLead } from './api';
import { ConvertedBanner } from './ConvertedBanner';
import { ConvertLeadModal } from './ConvertLeadModal';
import { leadField } from './lead-fields';
import { LeadForm } from './LeadForm';
import { leadCardFields, LeadSidebar } from './LeadSidebar';

/** Info shows what the sidebar does not: its card (`leadCardFields`) and the status badge are there (issue #14). */
const infoFields = ['firstName', 'lastName', 'position', 'company', 'email', 'phone', 'status', 'source', 'ownerId'].filter((k) => k !== 'status' && !leadCardFields.includes(k));

export function LeadPage({ id }: { id: string }) {
  const query = useLead(id);
  return (
    <RecordLoader module="leads" query={query}>
      {(l) => <LeadView lead={l} />}
    </RecordLoader>
  );
}

function LeadView({ lead: l }: { lead: Lead }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rights = useMyRights();
  const [converting, setConverting] = useState(false);
  // Converting needs edit on the lead and the right to create contacts (and accounts or deals when it makes them).
  const canConvert = l.status !== 'converted' && l.access.edit && rights.can('contacts', 'create');

  return (
    <RecordPageFrame<Lead>
      module="leads"
      record={l}
      name={l.fullName}
      subtitle={[l.position, l.company].filter(Boolean).join(' · ')}
      fieldOf={leadField}
      infoFields={infoFields}
      descriptionTestId="value-description"
      sidebar={<LeadSidebar lead={l} />}
      banner={<ConvertedBanner lead={l} />}
      headerActions={
        canConvert ? (
          <Button color="violet" leftSection={<IconTransform size={16} />} onClick={() => setConverting(true)} data-testid="lead-convert">
            {t('leads.convert.action')}
          </Button>
        ) : null
      }
      dialogs={converting ? <ConvertLeadModal lead={l} onClose={() => setConverting(false)} /> : null}
      form={(f, close, onSaved) => <LeadForm init={f && { mode: f.mode, lead: f.record }} onClose={close} onSaved={onSaved} />}
      open={(leadId) => void navigate({ to: '/leads/$leadId', params: { leadId } })}
      onDelete={() => deleteLead(l.id)}
    >
      <ArrangedSections module="leads" sections={[activitiesSection(t, rights, 'leads', l.id, { lead: { id: l.id, name: l.fullName } }), ...itemSections(t, 'leads', l.id, l.access.edit && l.status !== 'converted')]} />
    </RecordPageFrame>
  );
}
