export { startMock, MockError } from './start-mock.js';
export type { MockOptions, RunningMock, MockErrorCode } from './start-mock.js';
