// The serving stack (P16 Pinot, P17 Druid): P01's Flink lakehouse stack plus a serving engine on
// the same network, started together. The engine consumes the pass's topic directly (as the
// catalog's serving pipelines do), in parallel with the Flink jobs that make silver and gold.
import type { StartedNetwork } from "testcontainers";
import type { Component } from "../../components/container.js";
import type { StackDefinition, StackInputs } from "../../pipeline.js";
import type { QueryEngine } from "../../stages/standard-queries.js";
import { lakehousePlus, type LakehouseStack } from "../lakehouse/stack.js";

/** What a serving engine holds once it has consumed a topic. */
export interface ServingCounts {
  /** Rows as the engine stores them (fewer than the events where it rolls up). */
  rows: number;
  /** Events the rows stand for (Druid's `count` metric summed; the rows themselves elsewhere). */
  events: number;
  /** Messages the engine could not parse (its own count), where it keeps one. */
  unparseable: number | null;
  /** How the engine stores them, in a few words (e.g. "31 DAY segments on the historical"). */
  storage: string;
}

/** A serving engine started beside the lakehouse: it consumes a topic into its table and answers the standard queries. */
export interface StartedServingEngine {
  readonly name: string;
  containers(): Component[];
  stop(): Promise<void>;
  /** Starts consuming `topic` (from its earliest offset) into the engine's table. */
  consume(topic: string, bootstrapServers: string): Promise<void>;
  /** Waits until the engine has taken in all `messages` the topic holds; what it then holds. */
  awaitConsumed(messages: number, timeoutMs: number): Promise<ServingCounts>;
  /** The standard queries in the engine's dialect, over its table. */
  queries: QueryEngine;
}

export interface ServingEngine<E extends StartedServingEngine> {
  name: string;
  /** Catalog names of its images. */
  images: readonly string[];
  start(network: StartedNetwork, inputs: StackInputs): Promise<E>;
}

export type ServingStack<E extends StartedServingEngine = StartedServingEngine> = LakehouseStack & { serving: E };

export function serving<E extends StartedServingEngine>(engine: ServingEngine<E>): StackDefinition<ServingStack<E>> {
  return lakehousePlus(engine.name, engine.images, "serving", (network, inputs) => engine.start(network, inputs));
}
