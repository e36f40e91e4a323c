import "./augment.ts";

export { isRefreshDue, RETRY_BASE_MS, RETRY_CAP_MS, retryDelayMs } from "../core/refreshWindow.ts";

export {
  createRefreshCoordinator,
  hashRefreshToken,
  type RefreshCoordinator,
  type RefreshCoordinatorOptions,
} from "./coordinator.ts";
export {
  createRefreshingJwtCallback,
  type JwtCallbackParams,
  type RefreshEvent,
  type RefreshFailureEvent,
  type RefreshingJwtCallbackOptions,
} from "./jwtCallback.ts";
export { isTerminalRefreshError, RefreshError, type RefreshErrorCode } from "./RefreshError.ts";
export {
  type ClientAuthMethod,
  type RefreshGrantResult,
  type RefreshGrantSettings,
  refreshAccessToken,
  type TokenSet,
} from "./refreshAccessToken.ts";
export {
  MemoryRefreshStore,
  type MemoryRefreshStoreOptions,
  type RefreshOutcome,
  type RefreshStore,
} from "./refreshStore.ts";
export { createSessionCallback, type SessionCallbackOptions, type SessionCallbackParams } from "./sessionCallback.ts";
export type { RefreshingJwt, RefreshingJwtFields, SignInAccount, SlimUser } from "./types.ts";
