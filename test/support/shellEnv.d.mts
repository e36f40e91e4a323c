/** `process.env` without `NODE_ENV` and Vitest's own variables, plus `extra`. */
export function shellEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
