import { badInput, DomainError } from '@tend/graphql';
import { IMPORT_COLUMNS } from './import-plan';

export const PeopleImportErrors = {
  tooLarge: (maxBytes: number): DomainError =>
    badInput('input.csv', `is larger than ${maxBytes} bytes; split the file by site or team`),
  tooManyRows: (maxRows: number): DomainError =>
    badInput('input.csv', `has more than ${maxRows} rows; split the file by site or team`),
  notCsv: (detail: string): DomainError => badInput('input.csv', `is not a CSV file: ${detail}`),
  noHeader: (): DomainError => badInput('input.csv', 'is empty: the first row must name the columns'),
  unknownColumn: (column: string): DomainError =>
    badInput('input.csv', `has an unknown column "${column}"; columns are ${IMPORT_COLUMNS.join(', ')}`),
  repeatedColumn: (column: string): DomainError => badInput('input.csv', `names the column "${column}" twice`),
  noEmailColumn: (): DomainError => badInput('input.csv', 'has no email column'),
};
