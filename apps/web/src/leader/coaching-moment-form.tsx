import { useState } from 'preact/hooks';
import { ApiError, request } from '../api/graphql-client';
import { type CoachingMomentKind, type LeaderWeekQuery, LogCoachingMomentDocument } from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';

type TeamMember = LeaderWeekQuery['myTeam']['edges'][number]['node'];

const KINDS: CoachingMomentKind[] = ['RECOGNITION', 'REDIRECTION'];

/** A coaching moment in under a minute: who, recognition or redirection, one sentence, and an optional follow-up. */
export function CoachingMomentForm({ team, onLogged }: { team: TeamMember[]; onLogged: () => void }) {
  const [personId, setPersonId] = useState('');
  const [kind, setKind] = useState<CoachingMomentKind>('RECOGNITION');
  const [whatHappened, setWhatHappened] = useState('');
  const [followUp, setFollowUp] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const person = team.find((member) => member.id === personId);

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setSaved(null);
    try {
      const lessonId = person?.currentLesson?.id;
      const { logCoachingMoment } = await request(LogCoachingMomentDocument, {
        input: {
          personId,
          kind,
          whatHappened: whatHappened.trim(),
          relatedLessonId: lessonId ?? null,
          assignFollowUp: kind === 'REDIRECTION' && followUp && lessonId !== undefined,
        },
      });
      setSaved(t('momentSaved', { name: logCoachingMoment.person.name }));
      setWhatHappened('');
      setFollowUp(false);
      onLogged();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    }
  };

  return (
    <form class="card" aria-labelledby="moment-title" onSubmit={submit}>
      <h2 id="moment-title">{t('momentTitle')}</h2>
      <label class="field">
        <span>{t('momentPerson')}</span>
        <select required value={personId} onChange={(event) => setPersonId((event.target as HTMLSelectElement).value)}>
          <option value="">{t('choosePerson')}</option>
          {team.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="plain">
        <legend>{t('momentKind')}</legend>
        {KINDS.map((each) => (
          <label class={`choice${kind === each ? ' chosen' : ''}`} key={each}>
            <input type="radio" name="moment-kind" checked={kind === each} onChange={() => setKind(each)} />
            <span>{t(`moment${each}`)}</span>
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>{t('momentWhat')}</span>
        <textarea
          required
          rows={3}
          maxLength={1000}
          value={whatHappened}
          onInput={(event) => setWhatHappened((event.target as HTMLTextAreaElement).value)}
        />
      </label>
      {kind === 'REDIRECTION' && person?.currentLesson && (
        <label class="choice">
          <input type="checkbox" checked={followUp} onChange={() => setFollowUp(!followUp)} />
          <span>
            {t('momentFollowUp')}: {person.currentLesson.title}
          </span>
        </label>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {saved && (
        <p class="done" role="status">
          {saved}
        </p>
      )}
      <button type="submit" class="primary">
        {t('momentSave')}
      </button>
    </form>
  );
}
