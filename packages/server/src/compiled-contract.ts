import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createContractAjv, type ContractAjv } from './contract-ajv.js';
import type { ContractDescriptor, OperationDescriptor, ResponseDescriptor, ResponseHeaderDescriptor } from './contract-descriptor.js';
import { compileRequestCheck, type RequestCheck } from './request-validation.js';
import { buildRouteTable, type RouteEntry } from './route-table.js';
import { createStringCoercer } from './string-coercion.js';

/** One operation with its request checker compiled and its response validators compiled on first use. */
export interface CompiledOperation {
  descriptor: OperationDescriptor;
  checkRequest: RequestCheck;
  /** The documented response for a status: exact code, then `4XX`-style ranges, then `default`. */
  documentedResponse(status: number): ResponseDescriptor | undefined;
  /** The Ajv function for the envelope of a documented status with content (compiled once, then cached). */
  responseValidator(response: ResponseDescriptor): ValidateFunction | undefined;
  /**
   * What is wrong with an answer's headers (names compared case-insensitively): a documented header that is
   * required but missing, or whose value does not match its schema. Empty when they are on-contract.
   */
  responseHeaderIssues(response: ResponseDescriptor, headers: Readonly<Record<string, string>>): string[];
}

/** A contract slice with everything the server needs compiled. */
export interface CompiledContract {
  contract: ContractDescriptor;
  routes: RouteEntry[];
  operations: Map<string, CompiledOperation>;
}

const cache = new WeakMap<ContractDescriptor, CompiledContract>();

function compileOperation(
  op: OperationDescriptor,
  ajv: ContractAjv,
  contract: ContractDescriptor,
  coerce: ReturnType<typeof createStringCoercer>,
): CompiledOperation {
  const checkRequest = compileRequestCheck(op, ajv, coerce, contract.schemas);
  const byStatus = new Map(op.responses.map((r) => [r.status, r]));
  const validators = new Map<ResponseDescriptor, ValidateFunction>();
  const headerCheckers = new Map<ResponseHeaderDescriptor, (value: string) => boolean>();
  const headerChecker = (header: ResponseHeaderDescriptor) => {
    let check = headerCheckers.get(header);
    if (!check) {
      const toValue = coerce.forSchema(header.schema);
      const validate = ajv.compile(header.schema);
      headerCheckers.set(header, (check = (value) => validate(toValue(value))));
    }
    return check;
  };
  const byCode = new Map<number, ResponseDescriptor | null>();
  return {
    descriptor: op,
    checkRequest,
    documentedResponse(status) {
      let found = byCode.get(status);
      if (found === undefined) {
        found = byStatus.get(String(status)) ?? byStatus.get(`${String(status)[0]}XX`) ?? byStatus.get('default') ?? null;
        if (byCode.size < 64) byCode.set(status, found);
      }
      return found ?? undefined;
    },
    responseValidator(response) {
      if (response.schema === null) return undefined;
      let validate = validators.get(response);
      if (!validate) validators.set(response, (validate = ajv.compile(response.schema)));
      return validate;
    },
    responseHeaderIssues(response, headers) {
      if (response.headers.length === 0) return [];
      const byName = new Map(Object.keys(headers).map((name) => [name.toLowerCase(), headers[name]]));
      const issues: string[] = [];
      for (const header of response.headers) {
        const value = byName.get(header.name.toLowerCase());
        if (value === undefined) {
          if (header.required) issues.push(`header ${header.name} is required`);
        } else if (!headerChecker(header)(value)) issues.push(`header ${header.name} does not match its schema: ${JSON.stringify(value)}`);
      }
      return issues;
    },
  };
}

/**
 * Compile a contract slice once per process: one Ajv, one request checker per operation, the route table.
 * Later calls with the same descriptor return the same compiled contract.
 *
 * @example
 * ```ts
 * const compiled = compileContract(contracts.v4);
 * compiled.operations.get('getConversation')?.descriptor.path;
 * ```
 */
export function compileContract(contract: ContractDescriptor): CompiledContract {
  const cached = cache.get(contract);
  if (cached) return cached;
  const ajv = createContractAjv(contract);
  const coerce = createStringCoercer(contract.schemas);
  const operations = new Map(contract.operations.map((op) => [op.operationId, compileOperation(op, ajv, contract, coerce)]));
  const compiled = { contract, routes: buildRouteTable(contract.operations), operations };
  cache.set(contract, compiled);
  return compiled;
}
