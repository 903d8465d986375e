// SQL files of a pipeline: ${name} placeholders filled from the run (endpoints, credentials) and
// split into statements, keeping an EXECUTE STATEMENT SET BEGIN … END block whole.
import { readFileSync } from "node:fs";

export function renderSql(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\$\{([A-Za-z0-9_.]+)\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`SQL placeholder \${${name}} has no value (known: ${Object.keys(vars).join(", ")})`);
    return String(vars[name]);
  });
}

/** Statements of a script: ';' at the end of a line ends one, except inside BEGIN … END. */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inBlock = false;
  for (const line of text.split("\n")) {
    const code = line.replace(/--.*$/, "").trimEnd();
    if (!code.trim() && current.length === 0) continue;
    current.push(line);
    if (/\bBEGIN$/i.test(code)) inBlock = true;
    const ends = code.endsWith(";") && (!inBlock || /^\s*END;$/i.test(code));
    if (ends) {
      inBlock = false;
      const statement = current.join("\n").trim().replace(/;$/, "");
      if (statement.replace(/--.*$/gm, "").trim()) statements.push(statement);
      current = [];
    }
  }
  const rest = current.join("\n").replace(/--.*$/gm, "").trim();
  if (rest) throw new Error(`SQL script ends without ';' after: ${rest.slice(0, 80)}`);
  return statements;
}

/** The statements of one script, or of several run one after the other. */
export function loadSqlScript(paths: string | string[], vars: Record<string, string | number>): string[] {
  return [paths].flat().flatMap((path) => splitStatements(renderSql(readFileSync(path, "utf8"), vars)));
}
