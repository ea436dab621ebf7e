export { api } from './api-client';
export { ApiError, errorMessage } from './api-error';
export { queryClient } from './query-client';
export * from './auth';
export * from './recipes';
export * from './runs';
