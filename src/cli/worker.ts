/**
 * A worker thread of the `--jobs` pool (tinypool): runs {@link processFile} for one input and returns its report.
 * The rule data is loaded once per worker and per set of options.
 */
import type { FileReport } from '../report/model.js';
import { loadRuleData } from '../rules/data.js';
import type { RuleData } from '../types.js';
import { processFile, type FileJob } from './run.js';

let cached: { key: string; data: RuleData } | undefined;

export default async function work(job: FileJob): Promise<FileReport> {
  const key = JSON.stringify(job.settings.options);
  if (cached?.key !== key) cached = { key, data: loadRuleData(job.settings.options) };
  return (await processFile(job, cached.data)).report;
}
