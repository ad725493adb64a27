import { ROLE_NAMES, ROLES } from '../auth/roles';
import { MAX_TOKEN_LABEL, type TokenProblem, type TokenRecord } from '../auth/tokens';
import { renderTemplate } from '../reports/templates';
import { formatInstant } from '../wording/format';
import { pageMeta, PAGE_LINKS } from './page';

/**
 * « Jetons d'accès » (juristes): the tokens, never their value; the form that makes one, whose
 * value is shown once, on the page that answers the form; and the page that asks to confirm a
 * revocation. The same token store as the CLI's `token` command (src/auth/tokens.ts).
 */

export interface TokenForm {
  role: string;
  siret: string;
  label: string;
}

export const EMPTY_TOKEN_FORM: TokenForm = { role: '', siret: '', label: '' };

export interface TokensPageData {
  tokens: TokenRecord[];
  form: TokenForm;
  problem: TokenProblem | null;
  /** The token just made: its value, shown this once. */
  created: { token: string; record: TokenRecord } | null;
  /** The token just revoked, to say so. */
  revoked: TokenRecord | null;
}

function roleWords(t: TokenRecord): string {
  return `${ROLE_NAMES[t.role]}${t.siret ? `, SIRET ${t.siret}` : ''}`;
}

function tokenRow(t: TokenRecord) {
  return {
    id: t.id,
    roleName: ROLE_NAMES[t.role],
    siret: t.siret,
    label: t.label || '—',
    createdAt: formatInstant(t.createdAt),
    revokedAt: t.revokedAt && formatInstant(t.revokedAt),
    revocationUrl: t.revokedAt ? null : PAGE_LINKS.tokenRevocation(t.id),
  };
}

export function renderTokensPage(data: TokensPageData): string {
  const p = data.problem;
  const title = data.created
    ? `Jeton ${data.created.record.id} créé`
    : data.revoked
      ? `Jeton ${data.revoked.id} révoqué`
      : p
        ? 'Erreur : jetons d’accès'
        : 'Jetons d’accès';
  return renderTemplate('pages/tokens', {
    page: pageMeta(title, 'aucune', false, [], 'Jetons d’accès'),
    created: data.created && { token: data.created.token, id: data.created.record.id, who: roleWords(data.created.record) },
    revoked: data.revoked && { id: data.revoked.id, at: formatInstant(data.revoked.revokedAt ?? '') },
    problem: p && { ...p, anchor: `jeton-${p.field}` },
    roleProblem: p?.field === 'role' ? p.message : null,
    siretProblem: p?.field === 'siret' ? p.message : null,
    labelProblem: p?.field === 'label' ? p.message : null,
    roleChoices: [
      { value: '', label: 'Choisir un rôle', selected: !data.form.role },
      ...ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r], selected: r === data.form.role })),
    ],
    form: data.form,
    maxLabel: MAX_TOKEN_LABEL,
    actionUrl: PAGE_LINKS.tokens(),
    tokens: data.tokens.map(tokenRow),
  });
}

export function renderTokenRevocationPage(token: TokenRecord, ownSession: boolean): string {
  return renderTemplate('pages/token-revocation', {
    page: pageMeta(`Révoquer le jeton ${token.id}`, 'aucune', false, [{ label: 'Jetons d’accès', url: PAGE_LINKS.tokens() }], 'Révocation'),
    ...tokenRow(token),
    ownSession,
    actionUrl: PAGE_LINKS.tokenRevocation(token.id),
    tokensUrl: PAGE_LINKS.tokens(),
  });
}
