// What a pipeline file declares: its catalog identity, the rule-set its silver must satisfy,
// what it needs from the machine, and how dbt reads its silver.
import type { RuleSet } from "./model.js";
import { catalogEntry, type CatalogEntry } from "../pipelines/catalog.js";

export interface PipelineDefinition extends CatalogEntry {
  ruleSet: RuleSet;
  /** True when the stack runs in containers; without an engine the suite is SKIPPED. */
  needsContainerEngine: boolean;
  /** Catalog names of the images the stack starts (recorded with their provenance). */
  images: string[];
  /** dbt's source layer: "raw" reads the events file (P00), "silver" reads the pipeline's silver. */
  dbtSource: "raw" | "silver";
}

export function definePipeline(id: string, spec: Omit<PipelineDefinition, Exclude<keyof CatalogEntry, "ruleSet">>): PipelineDefinition {
  const entry = catalogEntry(id);
  if (entry.ruleSet !== spec.ruleSet) throw new Error(`pipeline ${id} names ${spec.ruleSet}, the catalog says ${entry.ruleSet}`);
  return { ...entry, ...spec };
}
