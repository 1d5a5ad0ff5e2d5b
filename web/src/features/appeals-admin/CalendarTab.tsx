import {
  App,
  Button,
  Calendar,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import { isMissing } from "../appeals/queries";
import { useCalendar, useSetCalendarDay } from "./queries";
import type { CalendarChange, CalendarDay, CalendarKind } from "./types";

const FMT = "YYYY-MM-DD";

function KindTag({ kind }: { kind: CalendarKind }) {
  const { t } = useI18n();
  return kind === "holiday" ? (
    <Tag color="red" style={{ marginInlineEnd: 4 }}>
      {t("admOff")}
    </Tag>
  ) : (
    <Tag color="geekblue" style={{ marginInlineEnd: 4 }}>
      {t("admWork")}
    </Tag>
  );
}

/** The working calendar: holidays (休) and make-up working days (班) of a year; click a day to change it. */
export function CalendarTab() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const year = month.year();
  const list = useCalendar(year);
  const setDay = useSetCalendarDay();
  const [form] = Form.useForm<CalendarChange>();
  const kind = Form.useWatch("kind", form);
  const [editing, setEditing] = useState<Dayjs | null>(null);
  const [extra, setExtra] = useState<string[]>([]);

  const items = list.data ?? [];
  const byDay = useMemo(() => new Map(items.map((d) => [d.day, d])), [items]);
  const years = useMemo(() => {
    const now = dayjs().year();
    const out = new Set<number>();
    for (let y = now - 3; y <= now + 3; y++) out.add(y);
    out.add(year);
    return [...out].sort((a, b) => a - b);
  }, [year]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: month names follow the dayjs locale, which follows lang
  const months = useMemo(
    () => Array.from({ length: 12 }, (_, i) => ({ value: i, label: dayjs().month(i).format("MMM") })),
    [lang],
  );

  function openDay(d: Dayjs) {
    const entry = byDay.get(d.format(FMT));
    const weekend = d.day() === 0 || d.day() === 6;
    form.resetFields();
    setDay.reset();
    setExtra([]);
    // Unmarked days start from the likely change: a weekend becomes a working day, a weekday a holiday.
    form.setFieldsValue(entry ? { kind: entry.kind, name: entry.name } : { kind: weekend ? "workday" : "holiday", name: "" });
    setEditing(d);
  }

  function submit(v: CalendarChange) {
    if (!editing) return;
    const body = { kind: v.kind, name: v.kind === "normal" ? "" : (v.name ?? "").trim() };
    setDay.mutate(
      { day: editing.format(FMT), body },
      {
        onSuccess: () => {
          message.success(t("saved"));
          setEditing(null);
        },
        onError: (e) => setExtra(applyServerErrors(form, e, ["kind", "name"])),
      },
    );
  }

  if (list.error && isMissing(list.error)) return <Empty description={t("featureUnavailable")} />;
  return (
    <>
      {list.error && <ErrorAlert error={list.error} />}
      <Typography.Paragraph type="secondary">{t("admCalendarHint")}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Spin spinning={list.isFetching}>
            <Calendar
              value={month}
              onSelect={(d, { source }) => {
                setMonth(d);
                if (source === "date") openDay(d);
              }}
              headerRender={({ value, onChange }) => (
                <Space wrap style={{ padding: "8px 0", justifyContent: "flex-end", width: "100%" }}>
                  <Select
                    aria-label={t("admYear")}
                    data-testid="calendar-year"
                    value={value.year()}
                    options={years.map((y) => ({ value: y, label: String(y) }))}
                    onChange={(y) => onChange(value.year(y))}
                    style={{ width: 96 }}
                  />
                  <Select
                    aria-label={t("admMonth")}
                    data-testid="calendar-month"
                    value={value.month()}
                    options={months}
                    onChange={(m) => onChange(value.month(m))}
                    style={{ width: 96 }}
                  />
                  <Button onClick={() => onChange(dayjs())}>{t("admToday")}</Button>
                </Space>
              )}
              cellRender={(d, info) => {
                if (info.type !== "date") return info.originNode;
                const entry = byDay.get(d.format(FMT));
                if (!entry) return null;
                return (
                  <div data-testid={`calendar-mark-${entry.day}`} style={{ lineHeight: 1.4 }}>
                    <KindTag kind={entry.kind} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {entry.name}
                    </Typography.Text>
                  </div>
                );
              }}
            />
          </Spin>
        </Col>
        <Col xs={24} xl={8}>
          <Typography.Title level={5}>{t("admSpecialDays", { year })}</Typography.Title>
          <Table<CalendarDay>
            rowKey="day"
            size="small"
            loading={list.isLoading}
            dataSource={items}
            pagination={false}
            scroll={{ y: 560 }}
            locale={{ emptyText: t("admNoSpecialDays") }}
            onRow={(d) => ({ onClick: () => setMonth(dayjs(d.day)), style: { cursor: "pointer" } })}
            columns={[
              {
                title: t("at"),
                dataIndex: "day",
                width: 130,
                render: (v: string) => `${v} ${dayjs(v).format("ddd")}`,
              },
              { title: t("admDayKind"), dataIndex: "kind", width: 56, render: (k: CalendarKind) => <KindTag kind={k} /> },
              { title: t("admDayName"), dataIndex: "name", ellipsis: true },
              {
                title: t("actions"),
                key: "actions",
                width: 120,
                render: (_, d) => (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => openDay(dayjs(d.day))}>
                      {t("edit")}
                    </Button>
                    <Popconfirm
                      title={t("admRemoveMark")}
                      onConfirm={() =>
                        setDay.mutate(
                          { day: d.day, body: { kind: "normal", name: "" } },
                          {
                            onSuccess: () => message.success(t("saved")),
                            onError: (e) => message.error(e.message),
                          },
                        )
                      }
                    >
                      <Button type="link" size="small" danger>
                        {t("admRemoveMark")}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </Col>
      </Row>
      <Modal
        open={!!editing}
        title={editing ? t("admSetDay", { day: `${editing.format(FMT)} ${editing.format("ddd")}` }) : ""}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t("save")}
        confirmLoading={setDay.isPending}
        forceRender
        width={420}
      >
        {setDay.error && editing && <ErrorAlert error={setDay.error} extra={extra} />}
        <Form<CalendarChange> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="kind" label={t("admDayKind")} rules={[{ required: true, message: t("requiredField") }]}>
            <Radio.Group
              data-testid="calendar-kind"
              options={[
                { value: "holiday", label: t("admKindHoliday") },
                { value: "workday", label: t("admKindWorkday") },
                { value: "normal", label: t("admKindNormal") },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label={t("admDayName")}>
            <Input maxLength={20} placeholder={t("admDayNameHint")} disabled={kind === "normal"} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
