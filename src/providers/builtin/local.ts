/**
 * hashicorp/local: local_file and local_sensitive_file (files written on this machine, with
 * the content's hashes as computed attributes) and the data sources that read a file. A
 * file deleted or changed on disk reads as gone, so the next plan creates it again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as T from '../../lang/types.js';
import { stringVal, type Value } from '../../lang/value.js';
import type { AttributeSchema, ProviderDiagnostic, ProviderFactory } from '../protocol.js';
import { makeProvider } from '../sdk/provider.js';
import { ProviderError, type DataSourceDef, type ResourceDef } from '../sdk/resource.js';
import { attr, str, withAttrs } from '../sdk/obj.js';

/** The computed checksum attributes of `content`, keyed by attribute name (id = sha1 hex). */
export function contentHashes(content: Buffer): Record<string, string> {
  const h = (alg: string, enc: 'hex' | 'base64') => createHash(alg).update(content).digest(enc);
  return {
    id: h('sha1', 'hex'),
    content_md5: h('md5', 'hex'), content_sha1: h('sha1', 'hex'), content_sha256: h('sha256', 'hex'),
    content_base64sha256: h('sha256', 'base64'), content_sha512: h('sha512', 'hex'), content_base64sha512: h('sha512', 'base64'),
  };
}

const hashAttrs: Record<string, AttributeSchema> = {
  id: { type: T.String, computed: true, description: 'The hexadecimal encoding of the SHA1 checksum of the file content.' },
  content_md5: { type: T.String, computed: true, description: 'MD5 checksum of file content.' },
  content_sha1: { type: T.String, computed: true, description: 'SHA1 checksum of file content.' },
  content_sha256: { type: T.String, computed: true, description: 'SHA256 checksum of file content.' },
  content_base64sha256: { type: T.String, computed: true, description: 'Base64 encoded SHA256 checksum of file content.' },
  content_sha512: { type: T.String, computed: true, description: 'SHA512 checksum of file content.' },
  content_base64sha512: { type: T.String, computed: true, description: 'Base64 encoded SHA512 checksum of file content.' },
};

const SOURCES = ['content', 'sensitive_content', 'content_base64', 'source'] as const;

function perm(defaultMode: string, what: 'file' | 'directory'): AttributeSchema {
  return {
    type: T.String, optional: true, computed: true, forceNew: true, default: stringVal(defaultMode),
    description: `Permissions to set for the output ${what} (before umask), expressed as string in [numeric notation](https://en.wikipedia.org/wiki/File-system_permissions#Numeric_notation). Default value is \`"${defaultMode}"\`.`,
  };
}

function fileSchema(sensitive: boolean): Record<string, AttributeSchema> {
  const base: Record<string, AttributeSchema> = {
    filename: { type: T.String, required: true, forceNew: true, description: 'The path to the file that will be created.\n Missing parent directories will be created.\n If the file already exists, it will be overridden with the given content.' },
    content: { type: T.String, optional: true, forceNew: true, sensitive, description: 'Content to store in the file, expected to be a UTF-8 encoded string.' },
    content_base64: { type: T.String, optional: true, forceNew: true, sensitive, description: 'Content to store in the file, expected to be binary encoded as base64 string.' },
    source: { type: T.String, optional: true, forceNew: true, description: 'Path to file to use as source for the one we are creating.' },
    file_permission: perm(sensitive ? '0700' : '0777', 'file'),
    directory_permission: perm(sensitive ? '0700' : '0777', 'directory'),
    ...hashAttrs,
  };
  if (!sensitive) {
    base.sensitive_content = { type: T.String, optional: true, forceNew: true, sensitive: true, deprecated: 'Use the `local_sensitive_file` resource instead', description: 'Sensitive content to store in the file, expected to be an UTF-8 encoded string.' };
  }
  return base;
}

function validateFile(config: Value): ProviderDiagnostic[] {
  const present = SOURCES.filter((k) => config.type.kind === 'object' && k in (config.type as T.ObjectType).attrs && !attr(config, k).isNull);
  const out: ProviderDiagnostic[] = [];
  if (present.length !== 1) {
    const names = SOURCES.filter((k) => k in (config.type as T.ObjectType).attrs).join(',');
    out.push({
      severity: 'error', summary: 'Invalid Attribute Combination',
      detail: `${present.length === 0 ? 'No attribute' : `${present.length} attributes`} specified when one (and only one) of [${names}] is required`,
    });
  }
  for (const k of ['file_permission', 'directory_permission']) {
    const m = str(config, k);
    const detail = m === undefined ? undefined : permissionProblem(m);
    if (detail) out.push({ severity: 'error', summary: 'Invalid File Permission String Value', detail, attribute: [{ attr: k }] });
  }
  return out;
}

/**
 * What hashicorp/local's file permission type says of a mode string: 3 or 4 characters,
 * an octal number (as Go's strconv.ParseInt reads it, sign allowed) no greater than 0777.
 */
export function permissionProblem(mode: string): string | undefined {
  if (mode.length < 3 || mode.length > 4) return `bad mode permission: string length should be 3 or 4 digits: ${mode}`;
  const n = /^[+-]?[0-7]+$/.test(mode) ? parseInt(mode, 8) : NaN;
  if (Number.isNaN(n) || n < 0 || n > 0o777) return `bad mode permission: string must be expressed in octal numeric notation: ${mode}`;
  return undefined;
}

async function contentOf(v: Value): Promise<Buffer> {
  for (const k of SOURCES) {
    const s = str(v, k);
    if (s === undefined) continue;
    if (k === 'content_base64') return Buffer.from(s, 'base64');
    if (k === 'source') {
      try { return await readFile(s); } catch (e) {
        throw new ProviderError('Create local file error', `An unexpected error occurred while reading the source file "${s}": ${(e as Error).message}`);
      }
    }
    return Buffer.from(s, 'utf8');
  }
  return Buffer.alloc(0);
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try { return await readFile(path); } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ProviderError('Read local file error', `An unexpected error occurred while reading the file "${path}": ${(e as Error).message}`);
  }
}

function fileResource(sensitive: boolean): ResourceDef {
  return {
    schema: { version: 0, block: { attributes: fileSchema(sensitive), blockTypes: {} } },
    validate: validateFile,
    async create(_ctx, planned) {
      const filename = str(planned, 'filename')!;
      const content = await contentOf(planned);
      const dirMode = parseInt(str(planned, 'directory_permission') ?? '0777', 8);
      const fileMode = parseInt(str(planned, 'file_permission') ?? '0777', 8);
      try {
        await mkdir(dirname(filename), { recursive: true, mode: dirMode });
        await writeFile(filename, content, { mode: fileMode });
      } catch (e) {
        throw new ProviderError('Create local file error', `An unexpected error occurred while writing the file "${filename}": ${(e as Error).message}`);
      }
      return withAttrs(planned, contentHashes(content));
    },
    async read(_ctx, state) {
      // Gone or different on disk: report it gone so the plan re-creates it.
      const got = await readIfExists(str(state, 'filename')!);
      if (!got) return null;
      if (createHash('sha1').update(got).digest('hex') !== str(state, 'id')) return null;
      return state;
    },
    async delete(_ctx, state) {
      await rm(str(state, 'filename')!, { force: true });
    },
  };
}

function fileDataSource(sensitive: boolean): DataSourceDef {
  return {
    schema: {
      version: 0,
      block: {
        attributes: {
          filename: { type: T.String, required: true, description: 'Path to the file that will be read. The data source will return an error if the file does not exist.' },
          content: { type: T.String, computed: true, sensitive, description: 'Raw content of the file that was read, as UTF-8 encoded string. Files that do not contain UTF-8 text will have invalid UTF-8 sequences in `content`\n  replaced with the Unicode replacement character.' },
          content_base64: { type: T.String, computed: true, sensitive, description: 'Base64 encoded version of the file content (use this when dealing with binary data).' },
          ...hashAttrs,
        },
        blockTypes: {},
      },
    },
    async read(_ctx, config) {
      const filename = str(config, 'filename')!;
      const got = await readIfExists(filename);
      if (!got) throw new ProviderError('Read local file data source error', `The file at given path cannot be read.\n\n+Original Error: open ${filename}: no such file or directory`);
      return withAttrs(config, { content: got.toString('utf8'), content_base64: got.toString('base64'), ...contentHashes(got) });
    },
  };
}

/** The `local` provider. */
export const localProvider: ProviderFactory = {
  source: 'registry.terraform.io/hashicorp/local',
  version: '2.5.2',
  create: () => makeProvider<undefined>({
    schema: { version: 0, block: { attributes: {}, blockTypes: {} } },
    configure: () => undefined,
    framework: true,
    resources: { local_file: fileResource(false), local_sensitive_file: fileResource(true) },
    dataSources: { local_file: fileDataSource(false), local_sensitive_file: fileDataSource(true) },
  }),
};
