import "./augment.js";

// The key format of `clientPrivateKey`, `dpop` and next-auth's `jwks` (jose's).
export type { JWK } from "jose";
export type { NextAuthOptionsLike } from "./authConfig.js";
export {
  type CoordinatedTokenSet,
  createRefreshCoordinator,
  hashRefreshToken,
  type RefreshCoordinator,
  type RefreshCoordinatorOptions,
} from "./coordinator.js";
export type { DpopKey, DpopRequestInit } from "./dpop.js";
export {
  createRefreshingJwtCallback,
  type JwtCallbackParams,
  type RefreshEvent,
  type RefreshFailureEvent,
  type RefreshingJwtCallback,
  type RefreshingJwtCallbackOptions,
  type SignInFieldsParams,
} from "./jwtCallback.js";
export type { OAuthProviderLike, ProviderGrantOptions } from "./providerGrant.js";
export type { ProviderSignOutEvent, ProviderSignOutOptions } from "./providerSignOut.js";
export { isTerminalRefreshError, RefreshError, type RefreshErrorCode } from "./RefreshError.js";
export {
  createRedisRefreshStore,
  type EvalRedisLike,
  type IoRedisLike,
  type NodeRedisLike,
  type RedisClientLike,
  type RedisRefreshStoreOptions,
} from "./redisRefreshStore.js";
export {
  type ClientAuthMethod,
  type ClientPrivateKey,
  type RefreshGrantResult,
  type RefreshGrantSettings,
  refreshAccessToken,
  type TokenSet,
} from "./refreshAccessToken.js";
export { isRefreshDue } from "./refreshDue.js";
export {
  MemoryRefreshStore,
  type MemoryRefreshStoreOptions,
  type RefreshLock,
  type RefreshOutcome,
  type RefreshStore,
} from "./refreshStore.js";
export { serverComponentAuthOptions } from "./serverComponentAuthOptions.js";
export { createSessionCallback, type SessionCallbackOptions, type SessionCallbackParams } from "./sessionCallback.js";
export type { RefreshingJwt, RefreshingJwtFields, SignInAccount } from "./types.js";
