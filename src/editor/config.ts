/**
 * The web editor's configuration (Decap CMS, https://decapcms.org/docs/configuration-options/),
 * generated from the notice schema's JSON Schema and the site's data files, so that fields,
 * required flags, limits and choices are never written twice.
 */
import { z } from "zod";
import { noticeFrontMatterSchema } from "../content/schema.ts";
import type { Departments, Ministries } from "../content/schema.ts";
import { DEFAULTS } from "../options.ts";
import { UI } from "../i18n.ts";
import { ATTACHMENT_LABELS, FIELD_LABELS, LICENSE_LABELS, bilingual } from "./labels.ts";
import type { NoticeKey } from "./labels.ts";
import type { PropertySchema } from "../content/reference.ts";

/** A board the editor offers as a collection: its id and folder inside `content/{lang}/`. */
export interface EditorBoard {
  readonly id: string;
  readonly folder: string;
  readonly names: { readonly ko: string; readonly en: string };
}

/** Where the editor reads and writes. */
export type EditorBackend =
  | { readonly name: "local"; readonly url: string }
  | {
      readonly name: "github";
      readonly repo: string;
      readonly branch: string;
      /** The OAuth proxy's address, when it is not Netlify's. */
      readonly baseUrl?: string | undefined;
      /** The content folder's path inside the repository. */
      readonly contentPath: string;
    };

/** What the configuration is made from. */
export interface EditorInputs {
  readonly ministries: Ministries;
  readonly departments: Departments;
  readonly boards?: readonly EditorBoard[];
  readonly backend: EditorBackend;
}

/** One field of the editor's configuration (the keys Sosik sets). */
export interface EditorField {
  readonly name: string;
  readonly label: string;
  readonly widget: string;
  readonly required: boolean;
  readonly hint?: string;
  readonly i18n?: boolean | "duplicate";
  readonly default?: unknown;
  readonly options?: readonly { readonly label: string; readonly value: string }[];
  readonly pattern?: readonly [string, string];
  readonly fields?: readonly EditorField[];
  readonly [option: string]: unknown;
}

/** The languages, English first: Decap derives the shared file name from the first one's title. */
const LOCALES = ["en", "ko"] as const;

/** The one date format Sosik reads for a day (`2018-07-23`), as the date widget writes it. */
const DAY_FORMAT = "YYYY-MM-DD";

/** The boards of a site without `_data/boards.json`: the notices board alone. */
export const DEFAULT_BOARDS: readonly EditorBoard[] = [
  {
    id: DEFAULTS.noticesFolder,
    folder: DEFAULTS.noticesFolder,
    names: { ko: UI.ko.notices, en: UI.en.notices },
  },
];

/** The notice schema's JSON Schema (what an editor writes), for these ministries and departments. */
export function noticeJsonSchema(inputs: Pick<EditorInputs, "ministries" | "departments">): {
  properties: Record<string, PropertySchema>;
  required: string[];
} {
  const schema = noticeFrontMatterSchema(
    new Set(Object.keys(inputs.ministries)),
    new Set(Object.keys(inputs.departments)),
  );
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, PropertySchema>;
    required?: string[];
  };
  return { properties: json.properties, required: json.required ?? [] };
}

/** The fields of a notice, one per front-matter key in schema order, then the body. */
export function noticeFields(
  inputs: Pick<EditorInputs, "ministries" | "departments">,
): EditorField[] {
  const { properties, required } = noticeJsonSchema(inputs);
  const fields: EditorField[] = [];
  for (const [key, property] of Object.entries(properties)) {
    const field = fieldFor(key as NoticeKey, property, required.includes(key), inputs);
    if (field !== undefined) fields.push(field);
  }
  fields.push({
    name: "body",
    label: bilingual(FIELD_LABELS.body),
    widget: "markdown",
    required: false,
    i18n: true,
  });
  return fields;
}

function fieldFor(
  key: NoticeKey,
  property: PropertySchema,
  required: boolean,
  inputs: Pick<EditorInputs, "ministries" | "departments">,
): EditorField | undefined {
  const base = {
    name: key,
    label: bilingual(FIELD_LABELS[key]),
    required,
    ...(property.description === undefined ? {} : { hint: property.description }),
  };
  // Keys that are the same in both languages are written once and copied to the translation
  // (Sosik requires a pair to share its date and ministry).
  const shared = { i18n: "duplicate" as const };
  switch (property.format ?? property.type) {
    case "date":
      return {
        ...base,
        ...shared,
        widget: "datetime",
        format: DAY_FORMAT,
        date_format: DAY_FORMAT,
        time_format: false,
        picker_utc: false,
      };
    case "ministry code":
      return { ...base, ...shared, widget: "select", options: choices(inputs.ministries) };
    case "department code": {
      // Without departments.json there is nothing to choose, and the key may not be written.
      if (Object.keys(inputs.departments).length === 0) return undefined;
      return { ...base, ...shared, widget: "select", options: choices(inputs.departments) };
    }
    case "integer":
      return {
        ...base,
        ...shared,
        widget: "number",
        value_type: "int",
        ...(property.minimum === undefined ? {} : { min: property.minimum }),
        default: property.default ?? 0,
      };
    case "boolean":
      return { ...base, ...shared, widget: "boolean", default: property.default ?? false };
    case "array":
      return {
        ...base,
        i18n: true,
        widget: "list",
        fields: [
          {
            name: "file",
            label: bilingual(ATTACHMENT_LABELS.file),
            widget: "file",
            required: true,
            // Relative to the notice: the language's notices folder, as Sosik reads `file`.
            media_folder: ATTACHMENTS_FOLDER,
            public_folder: ATTACHMENTS_FOLDER,
            i18n: true,
          },
          {
            name: "title",
            label: bilingual(ATTACHMENT_LABELS.title),
            widget: "string",
            required: true,
            i18n: true,
            ...limit(property.items?.properties?.["title"]),
          },
        ],
      };
    case "string":
      if (property.enum !== undefined) {
        return {
          ...base,
          ...shared,
          widget: "select",
          options: property.enum.map((value) => ({
            value,
            label: bilingual(LICENSE_LABELS[value] ?? { ko: value, en: value }),
          })),
        };
      }
      return {
        ...base,
        i18n: true,
        widget: (property.maxLength ?? 0) > 300 ? "text" : "string",
        ...limit(property),
      };
    default:
      throw new Error(
        `the web editor has no field for ${key} (${String(property.type)}): add one in src/editor/config.ts`,
      );
  }
}

/** The folder, beside the notices of a language, that attachments are uploaded to. */
export const ATTACHMENTS_FOLDER = "attachments";

function choices(codes: Ministries | Departments): { label: string; value: string }[] {
  return Object.entries(codes).map(([value, names]) => ({
    value,
    label: `${names.ko} · ${names.en}`,
  }));
}

/** The length limits of a text as a pattern the editor checks before it saves. */
function limit(property: PropertySchema | undefined): { pattern?: readonly [string, string] } {
  const max = property?.maxLength;
  if (max === undefined) return {};
  const min = property?.minLength ?? 0;
  return {
    pattern: [
      `^[\\s\\S]{${String(min)},${String(max)}}$`,
      `${String(min)}-${String(max)}자 · ${String(min)} to ${String(max)} characters`,
    ],
  };
}

/** The editor's whole configuration, as CMS.init takes it. */
export function editorConfig(inputs: EditorInputs): Record<string, unknown> {
  const { backend } = inputs;
  const root = backend.name === "local" ? "." : backend.contentPath.replace(/\/+$/, "");
  const boards = inputs.boards ?? DEFAULT_BOARDS;
  const fields = noticeFields(inputs);
  return {
    load_config_file: false,
    backend:
      backend.name === "local"
        ? { name: "proxy", proxy_url: backend.url }
        : {
            name: "github",
            repo: backend.repo,
            branch: backend.branch,
            ...(backend.baseUrl === undefined ? {} : { base_url: backend.baseUrl }),
          },
    // Every change on GitHub is a pull request, which check.yml checks before it is merged.
    ...(backend.name === "github" ? { publish_mode: "editorial_workflow" } : {}),
    locale: "ko",
    // Sosik refuses a key with an empty value (`expires: ""`): empty optional fields are left out.
    omit_empty_optional_fields: true,
    media_folder: `${root}/_media`,
    slug: { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
    i18n: { structure: "multiple_folders", locales: [...LOCALES], default_locale: LOCALES[0] },
    collections: boards.map((board) => ({
      name: board.id,
      label: bilingual(board.names),
      label_singular: bilingual(board.names),
      // Decap puts the language just above the file (`folder/en/slug.md`); with the board in
      // the entry's path the file lands at `content/en/{board}/slug.md` as Sosik reads it.
      // src/editor/browser.ts lists a board by its English files for the same reason.
      folder: root,
      path: `${board.folder}/{{slug}}`,
      slug: "{{year}}-{{month}}-{{day}}-{{title}}",
      extension: "md",
      format: "frontmatter",
      create: true,
      i18n: true,
      media_folder: ATTACHMENTS_FOLDER,
      public_folder: ATTACHMENTS_FOLDER,
      summary: "{{date}} · {{title}}",
      sortable_fields: ["date", "title"],
      fields,
    })),
  };
}
