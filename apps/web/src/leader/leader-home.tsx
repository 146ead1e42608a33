import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../api/graphql-client';
import { LeaderWeekDocument, type LeaderWeekQuery } from '../graphql/generated/graphql';
import { t } from '../i18n/i18n';
import { CareerConversationCard } from './career-conversation-card';
import { CoachingMomentForm } from './coaching-moment-form';
import { PromptCard } from './prompt-card';

/**
 * The leader's week on one screen: the prompt, today's career conversations, a coaching moment, and
 * the team. Loaded only for leaders.
 */
export default function LeaderHome() {
  const [data, setData] = useState<LeaderWeekQuery | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    request(LeaderWeekDocument)
      .then(setData)
      .catch((error: Error) => setProblem(t('errorGeneric', { message: error.message })));
  }, []);
  useEffect(load, [load]);

  if (!data) {
    return problem ? (
      <p class="problem" role="alert">
        {problem}
      </p>
    ) : (
      <p aria-busy="true">{t('loading')}</p>
    );
  }
  const prompts = data.today.items.filter((item) => item.kind === 'LEADER_PROMPT');
  const careerConversations = data.today.items.filter((item) => item.kind === 'CAREER_CONVERSATION');
  const team = data.myTeam.edges.map((edge) => edge.node);
  return (
    <>
      <h1>{t('weekTitle')}</h1>
      {prompts.length === 0 && <p class="card">{t('weekNone')}</p>}
      {prompts.map((delivery) => (
        <PromptCard key={delivery.id} delivery={delivery} />
      ))}
      {careerConversations.map((delivery) => (
        <CareerConversationCard key={delivery.id} delivery={delivery} />
      ))}
      <CoachingMomentForm team={team} onLogged={load} />
      <section class="card" aria-labelledby="team-title">
        <h2 id="team-title">{t('teamTitle')}</h2>
        {team.length === 0 ? (
          <p>{t('teamEmpty')}</p>
        ) : (
          <ul class="history">
            {team.map((member) => (
              <li key={member.id}>
                <span class="history-what">{member.name}</span>
                <span class="history-when">
                  {member.currentLesson ? t('teamLesson', { title: member.currentLesson.title }) : '—'}
                  {member.lessonCompletion !== null && member.lessonCompletion !== undefined
                    ? ` · ${t('teamCompletion', { percent: Math.round(member.lessonCompletion * 100) })}`
                    : ''}
                </span>
                <span class="status">{t('teamStreak', { count: member.streak ?? 0 })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
