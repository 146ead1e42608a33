import { containsPattern } from './search-pattern';

describe('containsPattern', () => {
  it('finds the text anywhere', () => {
    expect(containsPattern('kai')).toBe('%kai%');
  });

  it('takes the caller’s wildcards and escape character literally', () => {
    expect(containsPattern('100%_off')).toBe('%100\\%\\_off%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });
});
