export { allHandlers, type SessionHandlerGroups, type SessionHandlerOptions, sessionHandlers } from "./handlers.ts";
export { type ScenarioName, type SessionScenario, scenarios, type UpstreamBehaviour } from "./scenarios.ts";
export { createSessionBackend, type SessionBackend, type SessionEvent } from "./sessionBackend.ts";
