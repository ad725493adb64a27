import { stringify } from 'yaml';
import { KINDS } from '../../src/domain/submission';
import { checkDocumentText, KIND_SCHEMAS, SCHEMAS, validateAgainst, validateSubmission } from '../../src/validation/validator';
import { ALSO_VALID, fixtureText, fixtureValue, INVALID_CASES, LEFT_TO_THE_RULES, mutate, VALID_FIXTURES } from '../support/submissions';

describe('valid fixtures', () => {
  it.each(VALID_FIXTURES)('%s passes the schema', (name) => {
    const result = validateSubmission(fixtureValue(name));
    expect(result).toEqual({ ok: true, submission: fixtureValue(name) });
  });

  it.each(VALID_FIXTURES)('%s passes the schema of its own kind', (name) => {
    const value = fixtureValue(name);
    expect(validateAgainst(value.kind as (typeof KINDS)[number], value).ok).toBe(true);
  });

  it('covers every kind', () => {
    expect(new Set(VALID_FIXTURES.map((n) => fixtureValue(n).kind))).toEqual(new Set(KINDS));
  });
});

describe('each constraint of the format', () => {
  it.each(INVALID_CASES.map((k) => [k.name, k] as const))('refuses %s', (_name, k) => {
    const result = validateSubmission(mutate(fixtureValue(k.fixture), k.at, k.value));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(expect.objectContaining({ path: k.path, keyword: k.keyword }));
    // One change, one error: the message is about the key at fault and nothing else.
    expect(result.errors.filter((e) => e.path === k.path)).toHaveLength(1);
    for (const e of result.errors) expect(e.message).not.toMatch(/must|should|schema/);
  });

  it.each(ALSO_VALID.map((k) => [k.name, k] as const))('accepts %s', (_name, k) => {
    expect(validateSubmission(mutate(fixtureValue(k.fixture), k.at, k.value))).toMatchObject({ ok: true });
  });

  it.each(LEFT_TO_THE_RULES.map((k) => [k.name, k] as const))('leaves %s to the rules', (_name, k) => {
    expect(validateSubmission(mutate(fixtureValue(k.fixture), k.at, k.value))).toMatchObject({ ok: true });
  });
});

describe('dispatch on kind', () => {
  it('says once, on /kind, which kinds exist when the kind is unknown', () => {
    const result = validateSubmission({ kind: 'avenant', schoolYear: 'n/a', extra: 1 });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '/kind',
          keyword: 'enum',
          message:
            '« avenant » n\'est pas une valeur admise ; valeurs admises : "convention", "amendment", "termination", "formal_notice", "conciliation", "invoice"',
        },
      ],
    });
  });

  it('says the kind is missing, and nothing else', () => {
    expect(validateSubmission({ schoolYear: '2020-2021' })).toEqual({
      ok: false,
      errors: [{ path: '/kind', keyword: 'required', message: 'propriété obligatoire manquante : « kind »' }],
    });
  });

  it.each([
    ['a list', [], 'un objet'],
    ['a text', 'convention', 'un objet'],
    ['null', null, 'un objet'],
  ])('refuses a document that is %s', (_name, value, expected) => {
    const result = validateSubmission(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ path: '', keyword: 'type', message: expect.stringContaining(expected) })]);
  });

  it('reports only the errors of the kind the document claims', () => {
    const result = validateSubmission({ ...fixtureValue('invoice.json'), schoolCount: undefined, heldOn: '2020-12-18' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => `${e.keyword} ${e.path}`).sort()).toEqual(['additionalProperties /heldOn', 'required /schoolCount']);
    }
  });

  it('validates against a given kind whatever the document says', () => {
    const result = validateAgainst('invoice', fixtureValue('conciliation.json'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ path: '/kind', keyword: 'const' }));
  });
});

describe('messages in French', () => {
  const errorsOf = (fixture: Parameters<typeof fixtureValue>[0], at: string, value: unknown) => {
    const r = validateSubmission(mutate(fixtureValue(fixture), at, value));
    return r.ok ? [] : r.errors;
  };

  it('names the unknown key and the keys allowed', () => {
    expect(errorsOf('invoice.json', '/total', 5900)[0].message).toBe(
      'propriété non autorisée : « total » ; propriétés admises : kind, schoolYear, party, issuedOn, schoolCount, amount',
    );
  });

  it('names the missing key, in the message and the path', () => {
    const r = validateSubmission({ ...fixtureValue('conciliation.json'), heldOn: undefined });
    expect(r.ok ? [] : r.errors).toEqual([{ path: '/heldOn', keyword: 'required', message: 'propriété obligatoire manquante : « heldOn »' }]);
  });

  it('lists the values allowed', () => {
    expect(errorsOf('conciliation.json', '/outcome', 'partial')[0].message).toBe(
      '« partial » n\'est pas une valeur admise ; valeurs admises : "agreement", "failure"',
    );
  });

  it('says why an RPI key is refused for a commune', () => {
    expect(errorsOf('convention-commune.json', '/party/paymentMode', 'grouped')[0].message).toBe(
      'propriété non autorisée ici : « paymentMode » (réservée à un RPI : party.type « rpi »)',
    );
  });

  it('says why a key is required for an RPI', () => {
    const value = fixtureValue('convention-rpi.yaml');
    delete (value.party as Record<string, unknown>).legalForm;
    const r = validateSubmission(value);
    expect(r.ok ? [] : r.errors).toEqual([
      { path: '/party/legalForm', keyword: 'required', message: 'propriété obligatoire manquante : « legalForm » (pour un RPI : party.type « rpi »)' },
    ]);
  });

  it('says that a date does not exist', () => {
    expect(errorsOf('convention-commune.json', '/signedOn', '2021-02-30')[0].message).toBe("« 2021-02-30 » n'est pas une date qui existe dans le calendrier");
  });

  it('gives the expected form of an identifier', () => {
    expect(errorsOf('convention-commune.json', '/schools/0/uai', '034130E')[0].message).toBe(
      "« 034130E » n'est pas au format attendu : code UAI : 7 chiffres puis une lettre majuscule, par exemple 0341301E",
    );
  });

  it('gives the two forms of a transmission time in one message', () => {
    const errors = errorsOf('amendment.json', '/transmittedAt', '2020-10-15T23:30:00');
    expect(errors).toEqual([
      {
        path: '/transmittedAt',
        keyword: 'anyOf',
        message:
          "« 2020-10-15T23:30:00 » n'est pas au format attendu : date AAAA-MM-JJ ou instant avec décalage horaire, par exemple 2020-10-15 ou 2020-10-15T23:30:00+02:00",
      },
    ]);
  });

  it('explains amounts and school years', () => {
    expect(errorsOf('invoice.json', '/amount', 12.345)[0].message).toBe("12.345 : un montant s'écrit avec au plus 2 décimales");
    expect(errorsOf('invoice.json', '/schoolYear', '2020-2022')[0].message).toBe(
      '« 2020-2022 » : une année scolaire couvre deux années consécutives, par exemple 2020-2021',
    );
  });

  it('reports an empty text once', () => {
    expect(errorsOf('formal-notice.json', '/grievances/0', '')).toEqual([
      { path: '/grievances/0', keyword: 'minLength', message: 'ne doit pas être vide ni ne contenir que des espaces' },
    ]);
  });

  it('reports every error of a document at once', () => {
    let v = mutate(fixtureValue('convention-commune.json'), '/amount', -1);
    v = mutate(v, '/schools/1/uai', 'X');
    v = mutate(v, '/party/foo', 1);
    const r = validateSubmission(v);
    expect(r.ok ? [] : r.errors.map((e) => e.path).sort()).toEqual(['/amount', '/party/foo', '/schools/1/uai']);
  });
});

describe('document text to errors with positions', () => {
  it('accepts each valid fixture from its text', () => {
    for (const name of VALID_FIXTURES) expect(checkDocumentText(fixtureText(name))).toMatchObject({ ok: true });
  });

  it('places each error at its line and column in YAML', () => {
    const text = fixtureText('convention-rpi.yaml').replace('uai: 0340466X', 'uai: 340466X').replace('paymentMode: grouped', 'paymentMode: monthly');
    const result = checkDocumentText(text);
    expect(result).toEqual({
      ok: false,
      stage: 'schema',
      errors: [
        expect.objectContaining({ path: '/party/paymentMode', line: 9, column: 16 }),
        expect.objectContaining({ path: '/schools/1/uai', line: 29, column: 10 }),
      ],
    });
  });

  it('places an unknown key at the key, in JSON', () => {
    const text = fixtureText('invoice.json').replace('"amount": 5900', '"amount": 5900,\n  "total": 5900');
    const result = checkDocumentText(text);
    expect(result).toEqual({ ok: false, stage: 'schema', errors: [expect.objectContaining({ path: '/total', line: 14, column: 3 })] });
  });

  it('places a missing key at the object that lacks it', () => {
    const text = fixtureText('conciliation.json').replace('"outcome": "failure"', '"outcomes": "failure"');
    const result = checkDocumentText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        expect.objectContaining({ path: '/outcome', keyword: 'required', line: 1, column: 1 }),
        expect.objectContaining({ path: '/outcomes', keyword: 'additionalProperties', line: 11, column: 3 }),
      ]);
    }
  });

  it('tells a syntax error apart from a schema error', () => {
    expect(checkDocumentText('{"kind": "invoice",}')).toMatchObject({ ok: false, stage: 'syntax', errors: [{ keyword: 'syntax', line: 1, column: 20 }] });
    expect(checkDocumentText('{"kind": "invoice"}')).toMatchObject({ ok: false, stage: 'schema' });
  });

  it('refuses a __proto__ key without polluting objects', () => {
    const result = checkDocumentText('{"kind": "invoice", "__proto__": {"polluted": true}}');
    expect(result).toMatchObject({ ok: false, stage: 'schema' });
    if (!result.ok) expect(result.errors).toContainEqual(expect.objectContaining({ path: '/__proto__', keyword: 'additionalProperties' }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const yaml = checkDocumentText('kind: invoice\n__proto__:\n  polluted: true\nconstructor: 1\n');
    if (!yaml.ok) expect(yaml.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/__proto__', '/constructor']));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('published schemas', () => {
  it('has one schema per kind, each with its $id and closed to unknown keys', () => {
    for (const k of KINDS) {
      const s = KIND_SCHEMAS[k].schema as Record<string, unknown>;
      expect(s.$id).toBe(`https://ent-compliance.ac-montpellier.fr/schemas/${k.replace('_', '-')}.schema.json`);
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.additionalProperties).toBe(false);
    }
  });

  it('closes every object of the format to unknown keys', () => {
    const open: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'object' && o.properties && !/(if|then|else)$/.test(where) && o.additionalProperties !== false) open.push(where);
      for (const [k, v] of Object.entries(o)) walk(v, `${where}/${k}`);
    };
    for (const s of SCHEMAS) walk(s.schema, s.file);
    expect(open).toEqual(['submission.schema.json']);
  });

  it('cannot be changed by a caller', () => {
    expect(() => {
      (KIND_SCHEMAS.invoice.schema as Record<string, unknown>).title = 'x';
    }).toThrow();
  });
});

type Fixture = Parameters<typeof fixtureValue>[0];

describe('control characters in text fields', () => {
  // A name copied from a form or a spreadsheet may bring an invisible character along: refused on
  // its field, which the message names, with what comes before it so that it can be found.
  it.each([
    [
      'a line feed in a commune’s name',
      'convention-commune.json',
      '/party/name',
      'Saint-Jean-\nde-Védas',
      'le champ « Partie › Nom » contient un retour à la ligne après « Saint-Jean- » : ce champ s’écrit sur une seule ligne, sans caractère de contrôle',
    ],
    [
      'a carriage return in a commune’s name',
      'convention-commune.json',
      '/party/name',
      'Saint-Jean-de-Védas\r',
      'le champ « Partie › Nom » contient un retour chariot (fin de ligne Windows) après « Saint-Jean-de-Védas » : ce champ s’écrit sur une seule ligne, sans caractère de contrôle',
    ],
    [
      'a NUL in a commune’s name',
      'convention-commune.json',
      '/party/name',
      'Saint-Jean\u0000',
      'le champ « Partie › Nom » contient un caractère nul après « Saint-Jean » : ce champ s’écrit sur une seule ligne, sans caractère de contrôle',
    ],
    [
      'a tab in a school’s commune',
      'convention-commune.json',
      '/schools/0/commune',
      '\tLattes',
      'le champ « Écoles › n° 1 › Commune » contient une tabulation au début : ce champ s’écrit sur une seule ligne, sans caractère de contrôle',
    ],
    [
      'an escape in a signatory’s title',
      'convention-commune.json',
      '/signatory/title',
      'maire\u001b[31m',
      'le champ « Signataire › Qualité » contient un caractère de contrôle (U+001B) après « maire » : ce champ s’écrit sur une seule ligne, sans caractère de contrôle',
    ],
    [
      'a C1 control in a contact’s name',
      'convention-commune.json',
      '/party/contact/name',
      'Service\u0085scolaire',
      'le champ « Partie › Contact › Nom » contient un caractère de contrôle (U+0085) après « Service » : ce champ s’écrit sur une seule ligne, sans caractère de contrôle',
    ],
    [
      'a NUL in a grievance',
      'formal-notice.json',
      '/grievances/0',
      'Impayé\u0000',
      'le champ « Griefs › n° 1 » contient un caractère nul après « Impayé » : seuls les retours à la ligne et les tabulations y sont admis',
    ],
  ])('refuses %s, naming the field', (_name, fixture, at, value, message) => {
    const result = validateSubmission(mutate(fixtureValue(fixture as Fixture), at, value));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ path: at, keyword: 'pattern', message }]);
  });

  it.each([
    ['grievances on several lines', 'formal-notice.json', '/grievances/0', 'Titre 2020-2021 impayé :\n\t- relance du 01/02/2021\n\t- relance du 01/03/2021'],
    ['reasons with Windows line ends', 'termination-breach.json', '/reasons/0', 'Titre impayé.\r\nRelances sans effet.'],
  ])('accepts line breaks where the format expects prose: %s', (_name, fixture, at, value) => {
    expect(validateSubmission(mutate(fixtureValue(fixture as Fixture), at, value))).toMatchObject({ ok: true });
  });

  it('accepts a YAML block of several lines in a grievance, and refuses one in a name', () => {
    const notice = fixtureValue('formal-notice.json');
    const yaml = (grievance: string, name: string) => stringify({ ...notice, party: { ...(notice.party as object), name }, grievances: [grievance] });
    const prose = yaml('Titre 2020-2021 impayé\nmalgré deux relances', 'Lattes');
    expect(prose).toMatch(/grievances:\n {2}- \|-\n {4}Titre 2020-2021 impayé\n {4}malgré deux relances/);
    expect(checkDocumentText(prose, 'yaml')).toMatchObject({ ok: true });
    const refused = checkDocumentText(yaml('Titre impayé', 'Lat\ntes'), 'yaml');
    expect(refused).toMatchObject({
      ok: false,
      stage: 'schema',
      errors: [
        expect.objectContaining({
          path: '/party/name',
          line: expect.any(Number),
          message: expect.stringContaining('contient un retour à la ligne après « Lat »'),
        }),
      ],
    });
  });
});
