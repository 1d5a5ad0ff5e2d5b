// A disclosure's structured fields, shown read-only or edited in a form, driven by its template.
// Finance lines are an editable table whose sum is shown as you type and checked against the total.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Descriptions, Form, type FormInstance, Input, Space, Table, Typography } from "antd";
import { ApiError } from "../../api";
import { useI18n } from "../../i18n";
import { formatCents, toCents } from "./queries";
import type { DisclosureTemplate, TemplateField } from "./types";

type Line = { item?: string; amount?: string };

function sumLines(lines: unknown): bigint | null {
  if (!Array.isArray(lines)) return 0n;
  let sum = 0n;
  for (const l of lines as Line[]) {
    const c = toCents(l?.amount);
    if (c === null) return null;
    sum += c;
  }
  return sum;
}

/** Read-only view of the fields. */
export function TemplateFieldsView({
  template,
  fields,
}: {
  template: DisclosureTemplate | undefined;
  fields: Record<string, unknown>;
}) {
  const { t, lang } = useI18n();
  if (!template || template.fields.length === 0) return null;
  const simple = template.fields.filter((f) => f.type !== "lines" && fields[f.key] !== undefined && fields[f.key] !== null);
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      {template.fields
        .filter((f) => f.type === "lines")
        .map((f) => {
          const lines = (Array.isArray(fields[f.key]) ? fields[f.key] : []) as { item: string; amount: string }[];
          const total = f.totalKey ? template.fields.find((x) => x.key === f.totalKey) : undefined;
          if (lines.length === 0)
            return (
              <div key={f.key} data-testid={`disclosure-lines-${f.key}`}>
                <Typography.Text strong>{f.label[lang]}</Typography.Text>
                {total && (
                  <Typography.Text style={{ marginLeft: 12 }}>
                    {total.label[lang]} {String(fields[total.key] ?? "0.00")}
                  </Typography.Text>
                )}
              </div>
            );
          return (
            <div key={f.key} data-testid={`disclosure-lines-${f.key}`}>
              <Typography.Text strong>{f.label[lang]}</Typography.Text>
              <Table
                size="small"
                pagination={false}
                rowKey={(_, i) => String(i)}
                dataSource={lines}
                columns={[
                  { title: t("discLineItem"), dataIndex: "item" },
                  { title: t("discLineAmount"), dataIndex: "amount", align: "right" as const, width: 140 },
                ]}
                summary={() =>
                  f.type === "lines" && f.totalKey ? (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <strong>{template.fields.find((x) => x.key === f.totalKey)?.label[lang]}</strong>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        <strong>{String(fields[f.totalKey] ?? "")}</strong>
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  ) : null
                }
              />
            </div>
          );
        })}
      {simple.length > 0 && (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={simple
            .filter((f) => !template.fields.some((x) => x.type === "lines" && x.totalKey === f.key))
            .map((f) => ({
              key: f.key,
              label: f.label[lang],
              children: <span style={{ whiteSpace: "pre-wrap" }}>{String(fields[f.key])}</span>,
            }))}
        />
      )}
    </Space>
  );
}

function LinesEditor({ field, form }: { field: Extract<TemplateField, { type: "lines" }> | TemplateField; form: FormInstance }) {
  const { t, lang } = useI18n();
  const lines = Form.useWatch(["fields", field.key], form);
  const sum = sumLines(lines);
  return (
    <Form.Item label={field.label[lang]} required={field.required}>
      <Form.List name={["fields", field.key]}>
        {(rows, { add, remove }) => (
          <div data-testid={`lines-${field.key}`}>
            {rows.map((row) => (
              <Space key={row.key} align="start" style={{ display: "flex", marginBottom: 4 }} wrap={false}>
                <Form.Item
                  name={[row.name, "item"]}
                  rules={[{ required: true, message: t("discRequired") }]}
                  style={{ marginBottom: 0, flex: 1 }}
                >
                  <Input placeholder={t("discLineItem")} style={{ minWidth: 140 }} />
                </Form.Item>
                <Form.Item
                  name={[row.name, "amount"]}
                  rules={[
                    {
                      validator: (_, v) =>
                        toCents(v) === null ? Promise.reject(new Error(t("discAmountInvalid"))) : Promise.resolve(),
                    },
                  ]}
                  style={{ marginBottom: 0 }}
                >
                  <Input placeholder="0.00" inputMode="decimal" style={{ width: 130, textAlign: "right" }} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label="remove" />
              </Space>
            ))}
            <Space wrap>
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ item: "", amount: "" })}
                data-testid={`lines-add-${field.key}`}
              >
                {t("discAddLine")}
              </Button>
              {sum !== null && (
                <Typography.Text type="secondary" data-testid={`lines-sum-${field.key}`}>
                  {t("discLinesSum", { sum: formatCents(sum) })}
                </Typography.Text>
              )}
              {sum !== null && field.totalKey && (
                <Button
                  size="small"
                  type="link"
                  onClick={() => form.setFieldValue(["fields", field.totalKey as string], formatCents(sum))}
                >
                  {t("discUseSum")}
                </Button>
              )}
            </Space>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** The template's inputs, inside the caller's Form (names under "fields"). */
export function TemplateFieldsEditor({ template, form }: { template: DisclosureTemplate | undefined; form: FormInstance }) {
  const { t, lang } = useI18n();
  if (!template) return null;
  // The lines whose sum each total must equal.
  const linesOf = new Map(
    template.fields.filter((f) => f.type === "lines" && f.totalKey).map((f) => [f.totalKey as string, f.key]),
  );
  return (
    <>
      {template.fields.map((f) => {
        if (f.type === "lines") return <LinesEditor key={f.key} field={f} form={form} />;
        if (f.type === "money") {
          const linesKey = linesOf.get(f.key);
          return (
            <Form.Item
              key={f.key}
              name={["fields", f.key]}
              label={f.label[lang]}
              dependencies={linesKey ? [["fields", linesKey]] : undefined}
              rules={[
                { required: f.required, message: t("discRequired") },
                {
                  validator: (_, v) => {
                    if (v === undefined || v === null || v === "") return Promise.resolve();
                    const c = toCents(v);
                    if (c === null) return Promise.reject(new Error(t("discAmountInvalid")));
                    if (linesKey) {
                      const sum = sumLines(form.getFieldValue(["fields", linesKey]));
                      if (sum !== null && sum !== c) return Promise.reject(new Error(t("discTotalMismatch")));
                    }
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Input inputMode="decimal" placeholder="0.00" style={{ maxWidth: 200 }} data-testid={`field-${f.key}`} />
            </Form.Item>
          );
        }
        return (
          <Form.Item
            key={f.key}
            name={["fields", f.key]}
            label={f.label[lang]}
            rules={[{ required: f.required, whitespace: true, message: t("discRequired") }, { max: f.maxLength }]}
          >
            {f.type === "textarea" ? (
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`field-${f.key}`} />
            ) : (
              <Input data-testid={`field-${f.key}`} />
            )}
          </Form.Item>
        );
      })}
    </>
  );
}

/**
 * Puts the server's field errors ("fields.income.0.amount", "title") on the form's fields; returns
 * the ones that match no field.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, topLevel: string[]): string[] {
  if (!(err instanceof ApiError)) return [];
  const rest: string[] = [];
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const d of err.details) {
    const parts = d.path.split(".");
    if (parts[0] !== "fields" && !topLevel.includes(parts[0] as string)) {
      rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
      continue;
    }
    const name = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const k = JSON.stringify(name);
    const cur = byName.get(k) ?? { name, errors: [] };
    cur.errors.push(d.message);
    byName.set(k, cur);
  }
  form.setFields([...byName.values()]);
  return rest;
}
