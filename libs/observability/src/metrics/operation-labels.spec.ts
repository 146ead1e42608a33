import { ANONYMOUS_OPERATION, OperationLabels, OTHER_OPERATIONS } from './operation-labels';

describe('operation labels', () => {
  it('keep the names they have seen and count every name past the limit as other', () => {
    const labels = new OperationLabels(2);
    expect(labels.labelFor('Today')).toBe('Today');
    expect(labels.labelFor('Me')).toBe('Me');
    expect(labels.labelFor('Tracks')).toBe(OTHER_OPERATIONS);
    expect(labels.labelFor('Today')).toBe('Today');
    expect(labels.labelFor('Me')).toBe('Me');
  });

  it('name an operation without a name anonymous, without spending a place on it', () => {
    const labels = new OperationLabels(1);
    expect(labels.labelFor(undefined)).toBe(ANONYMOUS_OPERATION);
    expect(labels.labelFor(null)).toBe(ANONYMOUS_OPERATION);
    expect(labels.labelFor('Today')).toBe('Today');
  });
});
