/** The addresses the API hands out, built in one place so that every response agrees with the routes. */

export const links = {
  submission: (id: string) => `/api/submissions/${id}`,
  submissionRaw: (id: string) => `/api/submissions/${id}/raw`,
  report: (id: string) => `/reports/${id}`,
  dossier: (siret: string) => `/api/dossiers/${siret}`,
  dues: (siret: string, schoolYear: string) => `/api/dossiers/${siret}/dues/${schoolYear}`,
  ruleSet: (schoolYear: string) => `/api/rules/${schoolYear}`,
  ruleSetVersion: (version: string) => `/api/rules/versions/${version}`,
};

/** A dossier as named in a response: its SIRET and where to read it. */
export function dossierRef(siret: string): { siret: string; url: string } {
  return { siret, url: links.dossier(siret) };
}
