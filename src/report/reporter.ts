/** The one plug-in point for output formats (after vitest's reporters): a name, an extension, a pure render. */
import type { ReportModel } from './model.js';

export interface Reporter {
  /** The `--format` name. */
  readonly format: string;
  /** File extension without the dot, for default output paths. */
  readonly extension: string;
  /** The whole document as text; pure, so every format is tested from a hand-built model. */
  render(model: ReportModel): string;
}
