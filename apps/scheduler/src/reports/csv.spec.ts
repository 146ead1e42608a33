import { csvDocument } from './csv';

describe('a report as CSV', () => {
  it('writes a header, one CRLF-ended line per row, numbers as they are and null as nothing', () => {
    expect(csvDocument(['name', 'score', 'note'], [['Ann', 0.5, null]])).toBe('name,score,note\r\nAnn,0.5,\r\n');
  });

  it('quotes a comma, a quote or a line break, doubling the quote', () => {
    expect(csvDocument(['text'], [['a,b'], ['say "hi"'], ['two\nlines']])).toBe(
      'text\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula, but not a negative number', () => {
    expect(
      csvDocument(
        ['text', 'delta'],
        [
          ['=HYPERLINK("x")', -1],
          ['@SUM(A1)', 2],
        ],
      ),
    ).toBe('text,delta\r\n"\'=HYPERLINK(""x"")",-1\r\n\'@SUM(A1),2\r\n');
  });
});
