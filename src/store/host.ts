/** Facts about the machine a run happens on: git commit, engine hashes, whether a pid lives. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `git rev-parse HEAD` here, or null: a run outside a repository is still a run. */
export function gitCommit(cwd = process.cwd()): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 });
    const text = out.toString().trim();
    return /^[0-9a-f]{40,64}$/.test(text) ? text : null;
  } catch {
    return null;
  }
}

/** True unless the pid is certainly gone (EPERM means it exists under another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function filesUnder(dir: string, out: string[], budget: { left: number }): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (budget.left <= 0) return;
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out, budget);
    else if (e.isFile()) {
      out.push(p);
      budget.left--;
    }
  }
}

/**
 * A content hash of an engine: for a module, every file in the module's folder (so a change in a
 * helper file counts); for a command line, the command text. Short hex, or null if unreadable.
 */
export function engineHash(spec: { path?: string; command?: string }): string | null {
  try {
    const h = createHash('sha256');
    if (spec.path !== undefined) {
      const files: string[] = [];
      if (statSync(spec.path).isDirectory()) filesUnder(spec.path, files, { left: 2000 });
      else filesUnder(dirname(spec.path), files, { left: 2000 });
      for (const f of files) h.update(f.slice(dirname(spec.path).length)).update('\0').update(readFileSync(f)).update('\0');
    } else if (spec.command !== undefined) h.update(spec.command);
    else return null;
    return h.digest('hex').slice(0, 16);
  } catch {
    return null;
  }
}
