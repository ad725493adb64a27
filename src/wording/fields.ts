/**
 * A JSON Pointer of the interchange format in words, for the page that lists a refused
 * document's errors by field and for the messages that name a field: `/schools/2/uai` →
 * « Écoles › n° 3 › UAI ». The pointer itself is shown beside it, for whoever edits the file.
 */

const KEY_WORDS: Readonly<Record<string, string>> = {
  kind: 'Nature de la pièce',
  schoolYear: 'Année scolaire',
  party: 'Partie',
  type: 'Type',
  name: 'Nom',
  siret: 'SIRET',
  inseeCode: 'Code INSEE',
  representative: 'Représentant',
  title: 'Qualité',
  contact: 'Contact',
  email: 'Courriel',
  legalForm: 'Forme juridique',
  communes: 'Communes du RPI',
  paymentMode: 'Mode de paiement',
  signedOn: 'Date de signature',
  signatory: 'Signataire',
  schools: 'Écoles',
  uai: 'UAI',
  commune: 'Commune',
  schoolCount: 'Nombre d’écoles',
  amount: 'Montant',
  reason: 'Objet de l’avenant',
  transmittedAt: 'Date de transmission',
  ground: 'Motif de la résiliation',
  initiator: 'Partie qui résilie',
  letter: 'Lettre',
  method: 'Mode d’envoi',
  sentOn: 'Date d’envoi',
  receivedOn: 'Date de réception',
  effectiveOn: 'Date d’effet',
  reasons: 'Motifs',
  refundRequested: 'Demande de remboursement',
  sender: 'Expéditeur',
  grievances: 'Griefs',
  heldOn: 'Date de la conciliation',
  outcome: 'Issue',
  issuedOn: 'Date d’émission',
};

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function fieldLabel(pointer: string): string {
  if (pointer === '') return 'Document entier';
  return pointer
    .split('/')
    .slice(1)
    .map(unescapeSegment)
    .map((seg) => (/^\d+$/.test(seg) ? `n° ${Number(seg) + 1}` : (KEY_WORDS[seg] ?? seg)))
    .join(' › ');
}
