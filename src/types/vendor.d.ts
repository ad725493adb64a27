declare module '@socialgouv/jours-feries' {
  /** Holiday name → local-midnight Date of that day. */
  function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
  export default getJoursFeries;
}
