/** What every comparison function of the engine shares: both models, their dialects and the recorder. */
import type { ApiModel } from "../model.js";
import type { ChangeRecorder } from "./change.js";
import type { DialectProfile } from "./dialect.js";

export interface DiffScope {
  readonly old: ApiModel;
  readonly new: ApiModel;
  readonly dialects: { readonly old: DialectProfile; readonly new: DialectProfile };
  readonly recorder: ChangeRecorder;
}
