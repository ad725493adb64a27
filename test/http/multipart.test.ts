import { multipartBoundary, parseMultipart } from '../../src/http/multipart';
import { fieldsFromMultipart, fieldsFromUrlencoded, readSubmitForm } from '../../src/http/submit-form';

/** A body as browsers write it: CRLF line ends, each part headed by its Content-Disposition. */
function body(boundary: string, parts: Array<{ name: string; fileName?: string; type?: string; data: string | Buffer }>, preamble = ''): Buffer {
  const chunks: Buffer[] = [Buffer.from(preamble)];
  for (const p of parts) {
    const disposition = `Content-Disposition: form-data; name="${p.name}"${p.fileName !== undefined ? `; filename="${p.fileName}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\n${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const B = '----WebKitFormBoundary7MA4YWxkTrZu0gW';

describe('multipartBoundary', () => {
  it.each([
    [`multipart/form-data; boundary=${B}`, B],
    ['multipart/form-data; boundary="a b:c"', 'a b:c'],
    ['Multipart/Form-Data;charset=utf-8; boundary=xyz', 'xyz'],
    ['multipart/form-data', null],
    ['multipart/form-data; boundary=', null],
    [`multipart/form-data; boundary=${'x'.repeat(71)}`, null],
    ['multipart/form-data; boundary="ends with space "', null],
    ['application/x-www-form-urlencoded', null],
    [undefined, null],
  ])('%p → %p', (header, boundary) => expect(multipartBoundary(header)).toBe(boundary));
});

describe('parseMultipart', () => {
  it('reads text fields and a file, keeping the file’s bytes as sent', () => {
    const json = '{\r\n  "kind": "convention"\r\n}\r\n';
    const r = parseMultipart(
      body(B, [
        { name: 'action', data: 'deposer' },
        { name: 'texte', data: '' },
        { name: 'fichier', fileName: 'C:\\fakepath\\convention é.json', type: 'application/json', data: json },
      ]),
      B,
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.parts.map((p) => [p.name, p.fileName, p.contentType, p.data.toString('utf8')])).toEqual([
      ['action', null, null, 'deposer'],
      ['texte', null, null, ''],
      ['fichier', 'convention é.json', 'application/json', json],
    ]);
  });

  it('skips a preamble, and a file containing dashes and CRLFs that are not the boundary', () => {
    const tricky = `--${B.slice(0, 10)}\r\n--\r\n\r\n`;
    const r = parseMultipart(body(B, [{ name: 'fichier', fileName: 'a.yaml', data: tricky }], 'preamble\r\n'), B);
    expect(r.ok && r.parts[0].data.toString()).toBe(tricky);
  });

  it('decodes the quotes and line ends that browsers percent-encode in names', () => {
    const raw = Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a%22b"; filename="x%22y.json"\r\n\r\nv\r\n--${B}--`);
    const r = parseMultipart(raw, B);
    expect(r.ok && [r.parts[0].name, r.parts[0].fileName]).toEqual(['a"b', 'x"y.json']);
  });

  it.each([
    ['no delimiter', Buffer.from('hello'), 'séparateur absent'],
    ['a truncated body', Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue without end`), 'partie non terminée'],
    ['headers never ended', Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"\r\n`), 'en-têtes de partie trop longs ou non terminés'],
    ['headers too long', Buffer.from(`--${B}\r\nX-Long: ${'a'.repeat(3000)}\r\n\r\nv\r\n--${B}--`), 'en-têtes de partie trop longs'],
    ['a part without a name', Buffer.from(`--${B}\r\nContent-Disposition: form-data\r\n\r\nv\r\n--${B}--`), 'partie sans nom de champ'],
    ['a part without Content-Disposition', Buffer.from(`--${B}\r\nContent-Type: text/plain\r\n\r\nv\r\n--${B}--`), 'partie sans Content-Disposition'],
    ['a header line without a colon', Buffer.from(`--${B}\r\nnonsense\r\n\r\nv\r\n--${B}--`), 'en-tête de partie illisible'],
    ['garbage after a delimiter', Buffer.from(`--${B}xx\r\n`), 'fin de ligne attendue'],
    [
      'too many parts',
      body(
        B,
        Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: 'v' })),
      ),
      'plus de 10 champs',
    ],
  ])('refuses %s', (_case, raw, message) => {
    const r = parseMultipart(raw, B);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('reads an empty form (the closing delimiter only)', () => {
    expect(parseMultipart(Buffer.from(`--${B}--\r\n`), B)).toEqual({ ok: true, parts: [] });
  });
});

describe('readSubmitForm', () => {
  const file = (data: string | Buffer, name = 'piece.json') => ({ name, data: Buffer.isBuffer(data) ? data : Buffer.from(data) });

  it('takes a file, its format from its extension, without its byte order mark', () => {
    const r = readSubmitForm({ action: 'deposer', texte: '', file: file('\uFEFFkind: convention\n', 'piece.YML') });
    expect(r).toEqual({ ok: true, input: { text: 'kind: convention\n', format: 'yaml', fileName: 'piece.YML', action: 'deposer' } });
  });

  it('takes pasted text, its lines as pasted (a text area sends CRLF)', () => {
    const r = readSubmitForm({ action: 'controler', texte: '{\r\n"a": 1\r\n}', file: undefined });
    expect(r).toEqual({ ok: true, input: { text: '{\n"a": 1\n}', format: undefined, fileName: null, action: 'controler' } });
  });

  it.each([
    ['nothing sent', { action: 'controler', texte: '  ', file: undefined }, 'fichier', 'Choisissez le fichier de la pièce ou collez son texte.'],
    ['both a file and a text', { action: 'controler', texte: '{}', file: file('{}') }, 'texte', 'Envoyez soit un fichier, soit un texte collé, pas les deux'],
    ['an unknown action', { action: 'supprimer', texte: '{}', file: undefined }, 'action', 'Choisissez « Contrôler » ou « Déposer ».'],
    [
      'a file not in UTF-8',
      { action: 'controler', texte: '', file: file(Buffer.from([0x7b, 0xe9, 0x7d]), 'latin1.json') },
      'fichier',
      'n’est pas un texte en UTF-8',
    ],
    ['an empty file', { action: 'controler', texte: '', file: file('', 'vide.json') }, 'fichier', 'est vide'],
  ])('refuses %s, on the field at fault', (_case, fields, field, message) => {
    const r = readSubmitForm(fields);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.state.problems).toEqual(expect.arrayContaining([{ field, message: expect.stringContaining(message) }]));
  });

  it('ignores the empty part a file input sends when no file was chosen', () => {
    const r = parseMultipart(
      body(B, [
        { name: 'texte', data: '{}' },
        { name: 'fichier', fileName: '', type: 'application/octet-stream', data: '' },
        { name: 'action', data: 'controler' },
      ]),
      B,
    );
    if (!r.ok) throw new Error(r.message);
    expect(fieldsFromMultipart(r.parts)).toEqual({ action: 'controler', texte: '{}', file: undefined });
  });

  it('reads an urlencoded form, ignoring values that are not strings', () => {
    expect(fieldsFromUrlencoded({ action: 'deposer', texte: ['a', 'b'] })).toEqual({ action: 'deposer', texte: undefined, file: undefined });
  });
});
