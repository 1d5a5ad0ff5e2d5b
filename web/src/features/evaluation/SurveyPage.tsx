// Staff: one survey — its items and owners, turnout so far, open / close, paper questionnaires,
// and the results once published.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  Col,
  Descriptions,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  message,
} from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { hasPermission, useMe } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import type { Page, ResidentSummary } from "../../types";
import { newIdempotencyKey, postWithKey } from "../appeals/queries";
import { SURVEYS, surveysKey, useSurvey } from "./queries";
import { type Answer, RatingPicker } from "./RatingPicker";
import type { SurveyDetail, SurveyItem } from "./types";
import { ItemStatusTag, kindKey, SurveyStatusTag, targetKey, thresholdText } from "./ui";

function ResidentSearch({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const { t } = useI18n();
  const [input, setInput] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const r = useQuery({
    queryKey: ["residents", { q, pageSize: 20 }],
    queryFn: () => api.get<Page<ResidentSummary>>("/api/residents", { q, pageSize: 20 }),
    enabled: q.length > 0,
  });
  return (
    <Select
      showSearch
      allowClear
      value={value}
      filterOption={false}
      onSearch={setInput}
      onChange={(v) => onChange(v ?? undefined)}
      loading={r.isFetching}
      placeholder={t("evalSearchResident")}
      notFoundContent={null}
      style={{ width: "100%" }}
      options={(r.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name} · ${p.docMasked}${p.address ? ` · ${p.address}` : ""}`,
      }))}
      data-testid="eval-paper-resident"
    />
  );
}

function PaperModal({ survey, open, onClose }: { survey: SurveyDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [residentId, setResidentId] = useState<string>();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [key, setKey] = useState(newIdempotencyKey);
  const save = useMutation({
    mutationFn: () =>
      postWithKey(
        `${SURVEYS}/${survey.id}/paper`,
        {
          residentId,
          ratings: survey.items.map((i) => ({
            itemId: i.id,
            rating: answers[i.id]?.rating,
            comment: answers[i.id]?.comment?.trim() || null,
          })),
        },
        key,
      ),
    onSuccess: () => {
      message.success(t("evalPaperSaved"));
      qc.invalidateQueries({ queryKey: surveysKey });
      setResidentId(undefined);
      setAnswers({});
      setKey(newIdempotencyKey());
    },
  });
  const complete = !!residentId && survey.items.every((i) => answers[i.id]?.rating);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t("evalPaper")}
      okText={t("evalSubmit")}
      okButtonProps={{
        disabled: !complete,
        loading: save.isPending,
        ...({ "data-testid": "eval-paper-submit" } as Record<string, string>),
      }}
      onOk={() => save.mutate()}
      width={640}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <ErrorAlert error={save.error} />
        <div>
          <div style={{ marginBottom: 4 }}>{t("evalPaperResident")}</div>
          <ResidentSearch value={residentId} onChange={setResidentId} />
        </div>
        {survey.items.map((i) => (
          <RatingPicker
            key={i.id}
            item={i}
            value={answers[i.id] ?? {}}
            onChange={(a) => setAnswers((x) => ({ ...x, [i.id]: a }))}
          />
        ))}
      </Space>
    </Modal>
  );
}

export default function SurveyPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const q = useSurvey(id);
  const [paper, setPaper] = useState(false);
  const move = useMutation({
    mutationFn: (action: "open" | "close") => api.post(`${SURVEYS}/${id}/${action}`),
    onSuccess: (_, action) => {
      qc.invalidateQueries({ queryKey: surveysKey });
      if (action === "close") navigate(`/decide/surveys/${id}/results`);
    },
  });

  if (q.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );
  const s = q.data;
  if (!s) return <ErrorAlert error={q.error} />;
  const canManage = hasPermission(me, "decide.manage");
  const canRecord = hasPermission(me, "decide.record");
  const turnout = s.electorate ? ((s.responseCount * 100) / s.electorate).toFixed(1) : null;

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{s.title}</span>
            <SurveyStatusTag status={s.status} />
          </Space>
        }
        extra={
          <Space wrap>
            {canManage && s.status === "draft" && (
              <>
                <Button onClick={() => navigate(`/decide/surveys/${s.id}/edit`)} data-testid="eval-edit">
                  {t("evalEdit")}
                </Button>
                <Popconfirm title={t("evalOpenConfirm")} onConfirm={() => move.mutate("open")}>
                  <Button type="primary" loading={move.isPending} data-testid="eval-open">
                    {t("evalOpen")}
                  </Button>
                </Popconfirm>
              </>
            )}
            {canRecord && s.status === "open" && (
              <Button onClick={() => setPaper(true)} data-testid="eval-paper">
                {t("evalPaper")}
              </Button>
            )}
            {canManage && s.status === "open" && (
              <Popconfirm title={t("evalCloseConfirm")} onConfirm={() => move.mutate("close")}>
                <Button danger type="primary" loading={move.isPending} data-testid="eval-close">
                  {t("evalClose")}
                </Button>
              </Popconfirm>
            )}
            {s.status === "closed" && (
              <Link to={`/decide/surveys/${s.id}/results`} data-testid="eval-view-results">
                {t("evalViewResults")}
              </Link>
            )}
          </Space>
        }
      >
        <ErrorAlert error={move.error} />
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col xs={8}>
            <Statistic title={t("evalResponses")} value={s.responseCount} data-testid="eval-response-count" />
          </Col>
          <Col xs={8}>
            <Statistic title={t("evalElectorate")} value={s.electorate ?? "-"} />
          </Col>
          <Col xs={8}>
            <Statistic title={t("evalTurnout")} value={turnout ?? "-"} suffix={turnout ? "%" : undefined} />
          </Col>
        </Row>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("evalArea")}>{s.areaName}</Descriptions.Item>
          <Descriptions.Item label={t("evalKind")}>{t(kindKey(s.kind))}</Descriptions.Item>
          <Descriptions.Item label={t("evalOpensAt")}>{formatTime(s.opensAt ?? s.openedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("evalClosesAt")}>{formatTime(s.closesAt ?? s.closedAt)}</Descriptions.Item>
          <Descriptions.Item label={t("evalThreshold")}>{thresholdText(s.threshold)}</Descriptions.Item>
          {s.description && <Descriptions.Item label={t("evalDescription")}>{s.description}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t("evalItems")}>
        <Table<SurveyItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={s.items}
          scroll={{ x: 480 }}
          columns={[
            { title: "#", dataIndex: "position", width: 40 },
            { title: t("evalLabel"), dataIndex: "label" },
            {
              title: t("evalTargetType"),
              dataIndex: "targetType",
              render: (v: SurveyItem["targetType"]) => <Tag>{t(targetKey(v))}</Tag>,
            },
            { title: t("evalOwner"), dataIndex: "ownerName", render: (v: string | null) => v ?? "-" },
            { title: t("evalStatus"), dataIndex: "status", render: (v: SurveyItem["status"]) => <ItemStatusTag status={v} /> },
          ]}
        />
      </Card>
      {paper && <PaperModal survey={s} open={paper} onClose={() => setPaper(false)} />}
    </Space>
  );
}
