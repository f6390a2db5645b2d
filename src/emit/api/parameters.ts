/**
 * The topic levels generated code asks its caller for: every `{name}` level but the client-id ones, which
 * the runtime fills with the connection's own client id (the client) or the called client's id (the
 * server). `api.ts` declares one type of them per operation, which client.ts and server.ts share.
 */
import type { OperationModel, TopicParameterModel } from "../../model.js";
import { memberKey } from "../escape.js";
import { SCALAR_TS_TYPES } from "../typescript-types.js";

export function freeParameters(operation: OperationModel): readonly TopicParameterModel[] {
  return operation.topic.parameters.filter((parameter) => parameter.scope === "free");
}

export interface ParameterMemberView {
  /** The level's name as an object key (`slot`, `"device-id"`): the runtime keys levels by their name. */
  readonly key: string;
  readonly type: string;
  readonly description: string;
}

export interface ParametersTypeView {
  /** `GetLockStateParameters`. */
  readonly typeName: string;
  readonly description: string;
  readonly members: readonly ParameterMemberView[];
}

/** The parameters type of an operation whose topic has levels the caller chooses (`typeName`); none otherwise. */
export function parametersTypeView(operation: OperationModel, typeName: string | undefined): ParametersTypeView[] {
  const free = freeParameters(operation);
  if (typeName === undefined || free.length === 0) return [];
  return [
    {
      typeName,
      description: `The levels of the ${operation.name} topic, \`${operation.topic.template}\`, that the caller chooses.`,
      members: free.map((p) => ({
        key: memberKey(p.name),
        type: SCALAR_TS_TYPES[p.type],
        description: p.description.trim() || `The \`{${p.name}}\` level, ${p.type}.`,
      })),
    },
  ];
}
