import { useState } from 'preact/hooks';
import { ApiError, request } from '../api/graphql-client';
import {
  type CareerConversationOutcome,
  type LeaderWeekQuery,
  RecordCareerConversationDocument,
} from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';

type CareerConversationDelivery = LeaderWeekQuery['today']['items'][number];

/** A career conversation due with one report: who, how to start, and the record done or skipped. */
export function CareerConversationCard({ delivery }: { delivery: CareerConversationDelivery }) {
  const conversation = delivery.careerConversation;
  const [recorded, setRecorded] = useState(conversation?.outcome ?? null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!conversation) return null;
  const name = conversation.report.name;
  const titleId = `career-${delivery.id}`;

  const record = async (outcome: CareerConversationOutcome) => {
    setProblem(null);
    try {
      const { recordCareerConversation } = await request(RecordCareerConversationDocument, {
        deliveryId: delivery.id,
        input: { outcome, note: note.trim() || null },
      });
      setRecorded(recordCareerConversation.careerConversation?.outcome ?? null);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    }
  };

  return (
    <section class="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('careerTitle', { name })}</h2>
      <p class="question-big">{delivery.prompt}</p>
      {recorded ? (
        <p class="done" role="status">
          {recorded === 'DONE' ? t('careerRecordedDone', { name }) : t('careerRecordedSkipped')}
        </p>
      ) : (
        <>
          <label class="field">
            <span>{t('careerNote')}</span>
            <textarea
              rows={3}
              maxLength={2000}
              value={note}
              onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)}
            />
          </label>
          {problem && (
            <p class="problem" role="alert">
              {problem}
            </p>
          )}
          <div class="button-row">
            <button type="button" class="primary" onClick={() => record('DONE')}>
              {t('careerDone')}
            </button>
            <button type="button" class="secondary" onClick={() => record('SKIPPED')}>
              {t('careerSkip')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
