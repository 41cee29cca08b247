export { buildOperationModel, splitPath, HTTP_METHODS } from './operation-model.js';
export type { OperationModel, ParameterModel, ResponseHeaderModel, ResponseModel, HttpMethod } from './operation-model.js';
