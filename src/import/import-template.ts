/**
 * `apigw-sim import`: a template in, a scenario out. Tells what the file is
 * (OpenAPI 3, a SAM template, a CloudFormation template; OpenAPI 2 and
 * anything else refused with the line to blame), reads it (./openapi.ts,
 * ./sam.ts, ./cloudformation.ts), maps it to scenario keys
 * (./to-scenario.ts) and writes the commented scenario (./emit-scenario.ts).
 */
import { basename } from 'node:path';
import { ScenarioError } from '../scenario/scenario-error.js';
import { readCloudFormation, TemplateIndex } from './cloudformation.js';
import { emitScenario } from './emit-scenario.js';
import { newApi, type TemplateModel } from './front-door-model.js';
import { looksLikeHttpApi, readOpenApi } from './openapi.js';
import { isObject, PropertyReader } from './property-reader.js';
import { readSam } from './sam.js';
import { readTemplateFile, type TemplateSource } from './template-source.js';
import { scenarioName, toDraft, type ChoiceOptions } from './to-scenario.js';

export interface ImportOptions extends ChoiceOptions {
  /** Template parameters' values (`--parameter Name=Value`), in place of their Defaults. */
  parameters?: Record<string, string>;
}

export interface ImportResult {
  text: string;
  model: TemplateModel;
}

export function importTemplateFile(file: string, options: ImportOptions = {}): ImportResult {
  return importTemplate(readTemplateFile(file), options);
}

export function importTemplate(source: TemplateSource, options: ImportOptions = {}): ImportResult {
  const model = readModel(source, options.parameters ?? {});
  const draft = toDraft(model, source.file, options);
  return { text: emitScenario(draft, `${scenarioName(source.file)} (imported)`), model };
}

export function readModel(source: TemplateSource, parameters: Record<string, string>): TemplateModel {
  const { data, file } = source;
  const notes: TemplateModel['notes'] = [];
  const reader = new PropertyReader(source, notes, parameters);
  if (data.swagger !== undefined) {
    throw new ScenarioError(file, [{ path: 'swagger', line: source.lineOf(['swagger']), message: `is an OpenAPI 2 (Swagger ${String(data.swagger)}) definition, which is not read`, hint: 'convert it to OpenAPI 3 first (e.g. npx swagger2openapi in.yaml -o out.yaml, or export the API again as OAS 3 from API Gateway)' }]);
  }
  if (data.openapi !== undefined) {
    const version = String(data.openapi);
    if (!version.startsWith('3.')) throw new ScenarioError(file, [{ path: 'openapi', line: source.lineOf(['openapi']), message: `OpenAPI ${version} is not read`, hint: 'give an OpenAPI 3.0 or 3.1 definition (openapi: 3.0.1)' }]);
    const kind = looksLikeHttpApi(data);
    const api = newApi(scenarioName(basename(file)), { value: kind.http ? 'http' : 'rest', from: `openapi (${kind.why})`, line: source.lineOf(['openapi']) });
    const index = new TemplateIndex(reader);
    readOpenApi({ ...index.openApi(api) }, []);
    return { format: `OpenAPI ${version} definition`, apis: [api], functions: new Map(), notes };
  }
  if (!isObject(data.Resources)) {
    const line = data.Resources === undefined ? 1 : source.lineOf(['Resources']);
    throw new ScenarioError(file, [{ path: data.Resources === undefined ? '' : 'Resources', line, message: data.Resources === undefined ? 'is not a template: no Resources (CloudFormation, SAM) and no openapi: 3 (OpenAPI)' : 'Resources is not a mapping of resources', hint: 'give a CloudFormation or SAM template (Resources:) or an OpenAPI 3 definition (openapi: 3.0.1)' }]);
  }
  const transform = JSON.stringify(data.Transform ?? '');
  const sam = transform.includes('AWS::Serverless-2016-10-31');
  const model: TemplateModel = { format: sam ? 'SAM template' : 'CloudFormation template', apis: [], functions: new Map(), notes };
  const index = new TemplateIndex(reader);
  readCloudFormation(index, model);
  if (sam) readSam(index, model);
  else if (Object.keys(data.Resources).some((id) => index.typeOf(id)?.startsWith('AWS::Serverless::'))) notes.push({ text: 'AWS::Serverless resources without Transform: AWS::Serverless-2016-10-31 were not read as SAM' });
  return model;
}
