/**
 * Finds fields the API server would drop: a key that the object's kubernetes-models type does
 * not declare (`readinesProbe`, `securityContex`). The compiled JSON schemas cannot see these
 * (Kubernetes' OpenAPI does not forbid additional properties), so the TypeScript declarations of
 * the same models are read with the compiler API and the object is walked against them.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ref, type K8sObject } from './k8s-object.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(HERE, '__unknown_fields_entry__.ts');

function typeName(kind: string): string {
  return `I${kind}`;
}

/** Checks objects against the declared types of their models. */
export class UnknownFieldChecker {
  private readonly checker: ts.TypeChecker;
  private readonly types = new Map<string, ts.Type | undefined>();

  /** `models` maps `apiVersion/kind` to the module that declares it (see validate-objects.ts). */
  constructor(models: ReadonlyMap<string, string>) {
    const lines = [...models].map(([key, specifier], i) => `import type { ${typeName(key.split('/').pop()!)} as T${i} } from '${specifier}';\nexport type M${i} = T${i};`);
    const source = lines.join('\n');
    const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [] };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, lang, ...rest) => (file === ENTRY ? ts.createSourceFile(file, source, lang) : getSourceFile(file, lang, ...rest));
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (file) => file === ENTRY || fileExists(file);
    const program = ts.createProgram([ENTRY], options, host);
    this.checker = program.getTypeChecker();
    const entry = program.getSourceFile(ENTRY)!;
    const exports = this.checker.getExportsOfModule(this.checker.getSymbolAtLocation(entry)!);
    [...models.keys()].forEach((key, i) => {
      const sym = exports.find((e) => e.name === `M${i}`);
      this.types.set(key, sym ? this.checker.getDeclaredTypeOfSymbol(sym) : undefined);
    });
  }

  /** The models whose declarations could not be resolved (expected empty). */
  unresolved(): string[] {
    return [...this.types].filter(([, t]) => t === undefined).map(([key]) => key);
  }

  /** The paths of undeclared fields in an object, e.g. `spec.template.spec.containers[0].readinesProbe`. */
  unknownFields(obj: K8sObject): string[] {
    const type = this.types.get(`${obj.apiVersion}/${obj.kind}`);
    if (!type) return [];
    const { source: _source, ...data } = obj;
    const out: string[] = [];
    this.walk(data, type, '', out);
    return out.map((path) => `${ref(obj)}: unknown field ${path}`);
  }

  private walk(value: unknown, declared: ts.Type, path: string, out: string[]): void {
    if (value === null || typeof value !== 'object') return;
    const type = this.objectMember(this.checker.getNonNullableType(declared));
    if (!type) return;
    if (Array.isArray(value)) {
      if (!this.checker.isArrayType(type)) return;
      const element = this.checker.getTypeArguments(type as ts.TypeReference)[0];
      if (element) value.forEach((item, i) => this.walk(item, element, `${path}[${i}]`, out));
      return;
    }
    // Maps (labels, annotations, data) and free-form JSON accept any key.
    if (this.checker.getIndexInfosOfType(type).length > 0) return;
    for (const [key, child] of Object.entries(value)) {
      const prop = type.getProperty(key);
      const at = path ? `${path}.${key}` : key;
      if (!prop) {
        out.push(at);
        continue;
      }
      this.walk(child, this.checker.getTypeOfSymbol(prop), at, out);
    }
  }

  /** The object (or array) member of a union such as `IntOrString | object`; undefined for any/unknown/primitives. */
  private objectMember(type: ts.Type): ts.Type | undefined {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
    const members = type.isUnion() ? type.types : [type];
    return members.find((t) => (t.flags & ts.TypeFlags.Object) !== 0);
  }
}
