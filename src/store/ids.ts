import { randomUUID } from 'node:crypto';

/**
 * A submission's public name: a random UUID, URL-safe and unguessable, so that knowing one
 * report's address says nothing of the others. The order of a dossier is kept apart (`seq`).
 */
const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function newSubmissionId(): string {
  return randomUUID();
}

export function isSubmissionId(value: string): boolean {
  return SUBMISSION_ID.test(value);
}
