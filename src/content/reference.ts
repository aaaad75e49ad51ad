/**
 * The editors' front-matter reference, generated from the zod schema (its JSON Schema, input
 * side) so the guide cannot drift from what `npm run check` accepts.
 */
import { z } from "zod";
import { noticeFrontMatterSchema } from "./schema.ts";

/** Opening and closing markers of the generated block in a Markdown file. */
export const REFERENCE_MARKERS = Object.freeze({
  start: "<!-- front-matter-reference:start (generated from src/content/schema.ts by `npm run reference`; do not edit) -->",
  end: "<!-- front-matter-reference:end -->",
});

/** The JSON Schema keywords of a front-matter key that the reference and the web editor read. */
export interface PropertySchema {
  readonly type?: string;
  readonly format?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly enum?: readonly string[];
  readonly items?: PropertySchema & {
    readonly properties?: Record<string, PropertySchema>;
    readonly required?: readonly string[];
  };
}

/** The front-matter reference as a Markdown table, one row per key in schema order. */
export function frontMatterReference(): string {
  const json = z.toJSONSchema(noticeFrontMatterSchema(new Set()), { io: "input" }) as {
    properties: Record<string, PropertySchema>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  const rows = Object.entries(json.properties).map(([key, property]) => {
    const need = required.has(key)
      ? "required"
      : property.default === undefined || isEmpty(property.default)
        ? "optional"
        : `optional, default \`${JSON.stringify(property.default)}\``;
    if (property.description === undefined) {
      throw new Error(`the schema has no description for ${key}: add .meta({ description })`);
    }
    return `| \`${key}\` | ${valueOf(property)} | ${need} | ${cell(property.description)} |`;
  });
  return ["| key | value | needed | what it is for |", "| --- | --- | --- | --- |", ...rows].join(
    "\n",
  );
}

function valueOf(property: PropertySchema): string {
  // Schema formats are words an editor reads: "date", "ministry code".
  if (property.format !== undefined) return property.format;
  switch (property.type) {
    case "string":
      return `text${lengths(property)}`;
    case "integer":
      return property.minimum === undefined
        ? "whole number"
        : `whole number, ${String(property.minimum)} or more`;
    case "boolean":
      return "`true` or `false`";
    case "array": {
      const fields = Object.keys(property.items?.properties ?? {});
      return fields.length > 0 ? `list of \`{ ${fields.join(", ")} }\`` : "list";
    }
    default:
      throw new Error(`the reference cannot describe a ${String(property.type)} yet`);
  }
}

function lengths({ minLength, maxLength }: PropertySchema): string {
  if (maxLength === undefined) return "";
  return minLength !== undefined && minLength > 0
    ? `, ${String(minLength)} to ${String(maxLength)} characters`
    : `, up to ${String(maxLength)} characters`;
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/**
 * `markdown` with the text between the reference markers replaced by `reference`; throws when
 * the markers are missing or out of order.
 */
export function withReference(markdown: string, reference: string = frontMatterReference()): string {
  const start = markdown.indexOf(REFERENCE_MARKERS.start);
  const end = markdown.indexOf(REFERENCE_MARKERS.end);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `expected the markers ${REFERENCE_MARKERS.start} and ${REFERENCE_MARKERS.end}, in that order`,
    );
  }
  return `${markdown.slice(0, start + REFERENCE_MARKERS.start.length)}\n${reference}\n${markdown.slice(end)}`;
}
