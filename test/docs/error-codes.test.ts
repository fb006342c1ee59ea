/**
 * Each service page's table of error codes (the "## Errors" section of its description) says what
 * the operations' documented error responses say: one row per status and error code found in their
 * examples, naming exactly the operations that answer it ("every operation", or links to each), and
 * nothing else.
 */
import { expect, test } from 'vitest';
import { deref, documentedServices } from './bundle.js';

const { services } = await documentedServices();

interface Row {
  status: number;
  code: string;
  operations: string[];
}

/** The rows of the Markdown table under `## Errors`; a row that does not read as one is an error naming it. */
function tableRows(description: string, all: string[]): Row[] {
  const section = /^## Errors\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(description)?.[1];
  if (!section) throw new Error('no "## Errors" section');
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  expect(lines.slice(0, 2)).toEqual(['| Status | Error code | Meaning |', '|---|---|---|']);
  return lines.slice(2).map((line) => {
    const match = /^\| (\d{3}) \| ([A-Z]+\.\d+) \| (.+) \|$/.exec(line);
    if (!match) throw new Error(`not a row of status, code and meaning: ${line}`);
    const meaning = match[3]!;
    const who = /Returned by (.+)\.$/.exec(meaning)?.[1];
    if (!who) throw new Error(`the row does not say which operations return it: ${line}`);
    const operations =
      who === 'every operation' ? all : [...who.matchAll(/\[(\w+)\]\(#operation\/(\w+)\)/g)].map(([, text, id]) => (text === id ? id! : `${text} -> ${id}`));
    return { status: Number(match[1]), code: match[2]!, operations: operations.sort() };
  });
}

/** The same rows, made from the operations' documented error responses. */
function documentedRows(document: (typeof services)[number]['document']): Row[] {
  const rows = new Map<string, Row>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as { operationId?: string; responses?: Record<string, Record<string, unknown>> }[]) {
      if (!operation?.operationId) continue;
      for (const [status, raw] of Object.entries(operation.responses ?? {})) {
        if (status.startsWith('2')) continue;
        const response = deref(document, raw) as { content: Record<string, { examples: Record<string, Record<string, unknown>> }> };
        for (const example of Object.values(response.content['application/json']!.examples)) {
          const { error_code: code } = deref(document, example).value as { error_code: string };
          const row = rows.get(`${status} ${code}`) ?? { status: Number(status), code, operations: [] };
          if (!row.operations.includes(operation.operationId)) row.operations.push(operation.operationId);
          rows.set(`${status} ${code}`, row);
        }
      }
    }
  }
  return [...rows.values()].map((row) => ({ ...row, operations: row.operations.sort() })).sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}

test.each(services.map((service) => [service.name, service] as const))('%s: the table of error codes matches the documented error examples', (_, service) => {
  const all = service.operations.map(({ operationId }) => operationId);
  expect(tableRows(service.document.info.description ?? '', all)).toEqual(documentedRows(service.document));
});

test('a row naming the wrong operations, or none, is caught', () => {
  const description = '## Errors\n| Status | Error code | Meaning |\n|---|---|---|\n| 404 | X.1 | Gone. Returned by [A](#operation/A). |\n| 500 | X.2 | Broken. |\n';
  expect(() => tableRows(description, ['A', 'B'])).toThrow('the row does not say which operations return it: | 500 | X.2 | Broken. |');
  expect(tableRows(description.split('\n').slice(0, 4).join('\n'), ['A', 'B'])).toEqual([{ status: 404, code: 'X.1', operations: ['A'] }]);
});
