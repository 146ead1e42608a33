import { badInput, conflict, DomainError, notFound } from '@tend/graphql';

export const PersonErrors = {
  notFound: (id: string): DomainError => notFound('Person', id),
  emailTaken: (): DomainError => conflict('A person with this email already exists in the organization'),
  leaderNotFound: (id: string): DomainError =>
    new DomainError('NOT_FOUND', `Person ${id} was not found`, 'input.leaderId'),
  leaderCannotLead: (): DomainError => badInput('input.leaderId', 'must be a LEADER or an ADMIN'),
  externalIdTaken: (): DomainError => conflict('A person with this external id already exists in the organization'),
  ownLeader: (): DomainError => badInput('input.leaderId', 'a person cannot be their own leader'),
  reportingCycle: (leaderId: string): DomainError =>
    badInput(
      'input.leaderId',
      `would make a reporting cycle: ${leaderId} already reports to this person, directly or through others`,
    ),
  stillLeads: (reports: number): DomainError =>
    conflict(`This person still leads ${reports} people: give them another leader before changing the role`),
  webhookWithoutBridgeId: (): DomainError =>
    badInput('input.webhookBridgeId', 'the WEBHOOK channel needs a webhook bridge id to address the person'),
  alreadyDeactivated: (id: string): DomainError => conflict(`Person ${id} is already deactivated`),
  alreadyActive: (id: string): DomainError => conflict(`Person ${id} is already active`),
  erased: (id: string): DomainError => conflict(`Person ${id}’s personal data was erased: create a new person instead`),
};
