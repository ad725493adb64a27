/**
 * The options of a command: `--name value`, `--name=value`, `-h`/`--help`, and positional
 * arguments, checked against the names the command accepts. Returns a French sentence when the
 * line is wrong, which the command prints with its usage.
 */

export interface ParsedArgs {
  options: Map<string, string>;
  positional: string[];
  help: boolean;
}

export function parseArgs(args: readonly string[], valued: readonly string[]): ParsedArgs | string {
  const options = new Map<string, string>();
  const positional: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') help = true;
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!valued.includes(name)) return `option inconnue « ${a} »`;
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) return `l'option --${name} attend une valeur`;
      if (options.has(name)) return `option --${name} donnée deux fois`;
      options.set(name, value);
    } else positional.push(a);
  }
  return { options, positional, help };
}
