/** A JSON Schema (2020-12) as it appears in the contract, documentation annotations removed. */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

/** HTTP methods the contract uses. */
export type ContractMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** One parameter of an operation (the spec's Parameter Object, reduced to what the server checks). */
export interface ParameterDescriptor {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** One documented response status of an operation. */
export interface ResponseDescriptor {
  /** `'200'`, `'304'`, `'4XX'`, `'default'`. */
  status: string;
  /** Schema of the whole `application/json` body (the OCS envelope), or null for answers without a body. */
  schema: JsonSchema | null;
  /** Media types of a binary answer (`image/*`, `application/octet-stream`), when the status documents no JSON body. */
  mediaTypes?: string[];
  /** The documented response headers (`X-Chat-Last-Given`, ...). */
  headers: ResponseHeaderDescriptor[];
}

/** One documented response header of a status. */
export interface ResponseHeaderDescriptor {
  name: string;
  /** Whether every answer with this status must carry it. */
  required: boolean;
  /** Schema of its value (header values are strings on the wire; `integer` means a decimal integer string). */
  schema: JsonSchema;
}

/** What the server needs to know about one operation of one API version slice. */
export interface OperationDescriptor {
  operationId: string;
  method: ContractMethod;
  /** Concrete path: `/ocs/v2.php/apps/spreed/api/v4/room/{token}`. */
  path: string;
  /** Whether guests may call it without credentials (`security` contains `{}`). */
  anonymous: boolean;
  parameters: ParameterDescriptor[];
  requestBody: { required: boolean; contentType: string; schema: JsonSchema } | null;
  responses: ResponseDescriptor[];
}

/** One API version slice as the server needs it at run time (generated into `src/generated/<version>/`). */
export interface ContractDescriptor {
  apiVersion: string;
  operations: OperationDescriptor[];
  /** `components.schemas` of the slice; operation schemas refer to them as `#/components/schemas/<Name>`. */
  schemas: Record<string, JsonSchema>;
}
