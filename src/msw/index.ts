export { allHandlers, type SessionHandlerGroups, type SessionHandlerOptions, sessionHandlers } from "./handlers.js";
export { type ScenarioName, type SessionScenario, scenarios, type UpstreamBehaviour } from "./scenarios.js";
export { createSessionBackend, type SessionBackend, type SessionEvent } from "./sessionBackend.js";
