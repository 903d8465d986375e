// The inputs of a run, checked once: the fixture, the event count, and the run's events in DuckDB.
// Bad input surfaces here as an InputError, before any container starts.
import { Duck } from "./db/duck.js";
import { eventCount, loadEvents } from "./fixtures/events.js";
import { inspectFixture, resolveFixturePath, type Fixture } from "./fixtures/tlc.js";
import { runMode, type RunMode } from "./mode.js";

export interface RunInputs {
  duck: Duck;
  fixture: Fixture;
  events: number;
  mode: RunMode;
}

export async function prepareInputs(env: NodeJS.ProcessEnv = process.env): Promise<RunInputs> {
  const mode = runMode(env);
  const duck = await Duck.open();
  try {
    const fixture = await inspectFixture(duck, await resolveFixturePath(env));
    const events = eventCount(env, fixture.fileRows);
    await loadEvents(duck, fixture, events);
    return { duck, fixture, events, mode };
  } catch (err) {
    duck.close();
    throw err;
  }
}
